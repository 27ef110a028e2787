using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ShampooActors.Host.Settings;
using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Checkpoints;

/// <summary>
/// The checkpoint file format: magic, format version, a length-prefixed JSON header, the tensors as little-endian float32 in
/// header order, the data permutation as int32, and a SHA-256 of everything before it. A file is read only whole and intact.
/// </summary>
internal static class CheckpointFile
{
    /// <summary>
    /// The format version this code writes and reads. The header's optional <c>wall_seconds</c> came later without a new version:
    /// the binary part is unchanged, a reader of version 1 ignores a JSON field it does not know, and a file without it reads as
    /// one whose training time is unknown.
    /// </summary>
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "SACKPT\r\n"u8;

    private const int HashLength = 32;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The bytes of <paramref name="checkpoint"/> in this format.</summary>
    public static byte[] Serialize(Checkpoint checkpoint)
    {
        var tensors = new List<Tensor>();
        var model = checkpoint.Model.Select(kv => Entry(kv.Key, kv.Value, tensors)).ToArray();
        var state = checkpoint.Optimizer.State.OrderBy(kv => kv.Key).Select(kv => new ParameterEntry(
            kv.Key, kv.Value.Step, kv.Value.Buffers.Select(b => Entry(b.Key, b.Value, tensors)).ToArray(), kv.Value.CounterValues)).ToArray();
        var groups = checkpoint.Optimizer.ParamGroups.Select(g => new GroupEntry(
            JsonSerializer.SerializeToElement(g.Options, g.Options.GetType(), JsonOptions), g.ParameterShapes.ToArray())).ToArray();
        var data = checkpoint.Data;
        var header = new CheckpointHeader(checkpoint.Step, model, checkpoint.Optimizer.Optimizer, checkpoint.Optimizer.Version, groups, state,
            checkpoint.Scheduler.LastStep, checkpoint.Scheduler.BaseLrs, data.Epoch, data.BatchIndex, data.BatchSize, data.RngState, data.Permutation.Length, checkpoint.WallSeconds);

        using var body = new MemoryStream();
        body.Write(Magic);
        WriteInt(body, FormatVersion);
        var json = JsonSerializer.SerializeToUtf8Bytes(header, JsonOptions);
        WriteInt(body, json.Length);
        body.Write(json);
        foreach (var tensor in tensors)
            body.Write(MemoryMarshal.AsBytes((ReadOnlySpan<float>)tensor.Data));
        body.Write(MemoryMarshal.AsBytes(data.Permutation.AsSpan()));
        body.Write(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)));
        return body.ToArray();
    }

    /// <summary>The checkpoint in the bytes of <paramref name="file"/>; <paramref name="name"/> names the file in errors.</summary>
    public static Checkpoint Deserialize(ReadOnlyMemory<byte> file, string name)
    {
        var bytes = file.Span;
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("checkpoint files are little-endian");
        if (bytes.Length < Magic.Length + 8 + HashLength || !bytes.StartsWith(Magic))
            throw new CheckpointException(name, "not a checkpoint file");
        if (!SHA256.HashData(bytes[..^HashLength]).AsSpan().SequenceEqual(bytes[^HashLength..]))
            throw new CheckpointException(name, "corrupt: its checksum does not match");
        var reader = new Reader(file[Magic.Length..^HashLength], name);
        var version = reader.Int();
        if (version != FormatVersion)
            throw new CheckpointException(name, $"in format version {version}; this build reads version {FormatVersion}");
        CheckpointHeader header;
        try
        {
            header = JsonSerializer.Deserialize<CheckpointHeader>(reader.Bytes(reader.Int()).Span, JsonOptions)
                ?? throw new CheckpointException(name, "corrupt: its header is empty");
        }
        catch (JsonException e)
        {
            throw new CheckpointException(name, $"corrupt: its header is unreadable ({e.Message})", e);
        }

        var model = header.Model.ToDictionary(e => e.Name, reader.Tensor);
        var state = header.State.ToDictionary(p => p.Index, p => new ParameterStateDict(
            p.Step, p.Buffers.ToDictionary(b => b.Name, reader.Tensor), p.Counters));
        var groups = Groups(header, name);
        var permutation = reader.Ints(header.PermutationLength);
        if (!reader.AtEnd)
            throw new CheckpointException(name, "corrupt: it has data after its last tensor");
        return new Checkpoint(header.Step, model, new OptimizerStateDict(header.Optimizer, header.OptimizerVersion, groups, state),
            new LrSchedulerState(header.SchedulerStep, header.BaseLrs),
            new BatchLoaderState(header.Epoch, header.BatchIndex, header.BatchSize, permutation, header.RngState), header.WallSeconds);
    }

    private static ParamGroupStateDict[] Groups(CheckpointHeader header, string name)
    {
        var optionsType = OptionsTypeOf(header.Optimizer, name);
        try
        {
            return header.Groups.Select(g => new ParamGroupStateDict(
                (OptimizerOptions)(g.Options.Deserialize(optionsType, JsonOptions) ?? throw new CheckpointException(name, "corrupt: a parameter group has no options")),
                g.Shapes)).ToArray();
        }
        catch (JsonException e)
        {
            throw new CheckpointException(name, $"unreadable: its {header.Optimizer} options do not parse ({e.Message})", e);
        }
    }

    private static TensorEntry Entry(string name, Tensor tensor, List<Tensor> tensors)
    {
        tensors.Add(tensor);
        return new TensorEntry(name, tensor.ShapeArray());
    }

    private static Type OptionsTypeOf(string optimizer, string name) =>
        OptimizerSettings.Kinds.Values.FirstOrDefault(t => t.Name == optimizer + "Options")
            ?? throw new CheckpointException(name, $"from an unknown optimizer '{optimizer}'");

    private static void WriteInt(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    /// <summary>Reads the binary part in order; running past its end is a truncated file.</summary>
    private sealed class Reader(ReadOnlyMemory<byte> bytes, string name)
    {
        private ReadOnlyMemory<byte> _rest = bytes;

        public bool AtEnd => _rest.IsEmpty;

        public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4).Span);

        public ReadOnlyMemory<byte> Bytes(long count)
        {
            if (count < 0 || count > _rest.Length)
                throw new CheckpointException(name, "truncated");
            var taken = _rest[..(int)count];
            _rest = _rest[(int)count..];
            return taken;
        }

        public Tensor Tensor(TensorEntry entry)
        {
            if (entry.Shape.Any(d => d < 0))
                throw new CheckpointException(name, $"corrupt: tensor '{entry.Name}' has a negative dimension");
            var length = entry.Shape.Aggregate(1L, (a, d) => a * d);
            var values = MemoryMarshal.Cast<byte, float>(Bytes(length * sizeof(float)).Span);
            return Math.Tensor.FromValues(values, entry.Shape);
        }

        public int[] Ints(int count) => MemoryMarshal.Cast<byte, int>(Bytes((long)count * sizeof(int)).Span).ToArray();
    }
}
