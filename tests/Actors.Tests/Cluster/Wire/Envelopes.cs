using Google.Protobuf;
using P = ShampooActors.Actors.Cluster.Wire.Proto;

namespace ShampooActors.Actors.Tests.Cluster.Wire;

/// <summary>Takes encoded messages apart and puts edited ones together with a correct checksum, to reach each check past the ones before it.</summary>
internal static class Envelopes
{
    public static P.Envelope Open(byte[] encoded) => P.Envelope.Parser.ParseFrom(encoded);

    /// <summary><paramref name="encoded"/> with its envelope edited by <paramref name="edit"/>; the checksum is left as it was.</summary>
    public static byte[] EditEnvelope(byte[] encoded, Action<P.Envelope> edit)
    {
        var envelope = Open(encoded);
        edit(envelope);
        return envelope.ToByteArray();
    }

    /// <summary><paramref name="encoded"/> with its body, read as a <typeparamref name="T"/>, edited by <paramref name="edit"/> and sealed again.</summary>
    public static byte[] EditBody<T>(byte[] encoded, MessageParser<T> parser, Action<T> edit)
        where T : IMessage<T>
    {
        var envelope = Open(encoded);
        var body = parser.ParseFrom(envelope.Body);
        edit(body);
        return Reseal(envelope, body.ToByteArray());
    }

    /// <summary><paramref name="envelope"/> holding <paramref name="body"/>, with the body's CRC-32C from the bitwise reference.</summary>
    public static byte[] Reseal(P.Envelope envelope, byte[] body)
    {
        envelope.Body = ByteString.CopyFrom(body);
        envelope.Checksum = Crc32CReference.Compute(body);
        return envelope.ToByteArray();
    }
}
