using Google.Protobuf;
using ShampooActors.Actors.Cluster.Wire.Proto;

namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>
/// Encodes <see cref="WireMessage"/>s as broker message bodies (a protobuf <see cref="Envelope"/>, see cluster.proto) and
/// decodes and validates them. A receiver uses nothing of a body that <see cref="TryDecode"/> did not accept.
/// </summary>
public static partial class WireFormat
{
    /// <summary>The envelope format this node writes and the only one it reads.</summary>
    public const uint FormatVersion = 1;

    private const int BodyField = Envelope.BodyFieldNumber;
    private const int ChecksumField = Envelope.ChecksumFieldNumber;

    /// <summary>
    /// The broker body of <paramref name="message"/>. Values are not checked (a receiver rejects a non-finite one), structure is:
    /// throws <see cref="ArgumentException"/> for a matrix that is not n×n, a root that was rejected or an empty job.
    /// </summary>
    public static byte[] Encode(WireMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(message.Job))
            throw new ArgumentException("a wire message needs a job id", nameof(message));
        var (kind, inner) = ToProto(message);
        return Seal(message.Job, kind, inner);
    }

    /// <summary>
    /// Decodes and validates <paramref name="body"/>: on success <paramref name="message"/> is set and <paramref name="error"/>
    /// is null; otherwise <paramref name="message"/> is null and <paramref name="error"/> is one line naming what was wrong
    /// (too large, unparsable, unknown format version, checksum, kind, empty job, shape, dtype, non-finite value, limits, options).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, WireLimits limits, out WireMessage? message, out string? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            message = Decode(body, limits);
            error = null;
            return true;
        }
        catch (InvalidWireMessageException e)
        {
            message = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The envelope of <paramref name="inner"/>, serialized straight into the one buffer returned (no intermediate copy of the
    /// body): fields 1–3, the body as field 4, then the CRC-32C of the body bytes just written as field 5, which is the
    /// canonical encoding <see cref="Envelope"/> itself would produce.
    /// </summary>
    internal static byte[] Seal(string job, MessageKind kind, IMessage inner)
    {
        var header = new Envelope { FormatVersion = FormatVersion, Job = job, Kind = kind };
        var bodySize = inner.CalculateSize();
        var bodyStart = header.CalculateSize() + CodedOutputStream.ComputeTagSize(BodyField) + CodedOutputStream.ComputeLengthSize(bodySize);
        var buffer = new byte[bodyStart + bodySize + CodedOutputStream.ComputeTagSize(ChecksumField) + sizeof(uint)];
        var output = new CodedOutputStream(buffer);
        header.WriteTo(output);
        output.WriteTag(BodyField, Google.Protobuf.WireFormat.WireType.LengthDelimited);
        output.WriteLength(bodySize);
        inner.WriteTo(output);
        output.Flush();
        output.WriteTag(ChecksumField, Google.Protobuf.WireFormat.WireType.Fixed32);
        output.WriteFixed32(Crc32C.Compute(buffer.AsSpan(bodyStart, bodySize)));
        output.Flush();
        output.CheckNoSpaceLeft();
        return buffer;
    }

    private static WireMessage Decode(ReadOnlySpan<byte> body, WireLimits limits)
    {
        if (body.Length > limits.MaxMessageBytes)
            throw new InvalidWireMessageException($"the message has {body.Length} bytes, more than the limit of {limits.MaxMessageBytes}");
        if (body.IsEmpty)
            throw new InvalidWireMessageException("the message is empty");
        Envelope envelope;
        try
        {
            envelope = Envelope.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidWireMessageException($"the message is not a valid envelope: {e.Message}");
        }
        if (envelope.FormatVersion != FormatVersion)
            throw new InvalidWireMessageException($"format version {envelope.FormatVersion} is not supported (this node reads version {FormatVersion})");
        var checksum = Crc32C.Compute(envelope.Body.Span);
        if (checksum != envelope.Checksum)
            throw new InvalidWireMessageException($"checksum mismatch: the body's CRC-32C is {checksum:x8}, the envelope says {envelope.Checksum:x8}");
        var job = Name(envelope.Job, "job", limits);
        return FromProto(job, envelope.Kind, envelope.Body.Span, limits);
    }

    /// <summary>
    /// Parses the body of an envelope of kind <paramref name="kind"/>, dropping fields <typeparamref name="T"/> does not have and
    /// then rejecting the body if any were dropped: a body of another kind (or garbage that happens to parse) is an error.
    /// This relies on senders writing canonical proto3 (see cluster.proto), as every protobuf library does.
    /// </summary>
    private static T ParseBody<T>(MessageParser<T> parser, ReadOnlySpan<byte> body, string kind)
        where T : IMessage<T>
    {
        T parsed;
        try
        {
            parsed = parser.WithDiscardUnknownFields(true).ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidWireMessageException($"the body is not a valid {kind}: {e.Message}");
        }
        var understood = parsed.CalculateSize();
        if (understood != body.Length)
            throw new InvalidWireMessageException($"the body does not match its kind {kind}: only {understood} of its {body.Length} bytes are {kind} fields");
        return parsed;
    }

    private static string Name(string value, string what, WireLimits limits)
    {
        if (value.Length == 0)
            throw new InvalidWireMessageException($"the {what} is empty");
        if (value.Length > limits.MaxNameLength)
            throw new InvalidWireMessageException($"the {what} has {value.Length} characters, more than the limit of {limits.MaxNameLength}");
        return value;
    }
}
