using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;
using P = ShampooActors.Actors.Cluster.Wire.Proto;

namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>Protobuf messages to records, every field checked before a record is built.</summary>
public static partial class WireFormat
{
    private static WireMessage FromProto(string job, P.MessageKind kind, ReadOnlySpan<byte> body, WireLimits limits) => kind switch
    {
        P.MessageKind.Snapshot => FromProto(job, ParseBody(P.Snapshot.Parser, body, "snapshot"), limits),
        P.MessageKind.Roots => FromProto(job, ParseBody(P.Roots.Parser, body, "roots"), limits),
        P.MessageKind.Heartbeat => FromProto(job, ParseBody(P.Heartbeat.Parser, body, "heartbeat"), limits),
        P.MessageKind.JobAnnouncement => FromProto(job, ParseBody(P.JobAnnouncement.Parser, body, "job announcement"), limits),
        P.MessageKind.Chunk => FromProto(job, ParseBody(P.Chunk.Parser, body, "chunk"), limits),
        P.MessageKind.ChunkTicket => FromProto(job, ParseBody(P.ChunkTicket.Parser, body, "chunk ticket"), limits),
        _ => throw new InvalidWireMessageException($"the message kind {kind} is unknown"),
    };

    private static SnapshotMessage FromProto(string job, P.Snapshot proto, WireLimits limits)
    {
        BlockVersionEpoch(proto.Block, proto.Version, proto.Epoch, "the snapshot's");
        FactorCount(proto.Factors.Count, $"the snapshot of block {proto.Block}", limits);
        var options = RootCodec.FromProto(proto.Roots);
        var factors = new FactorStatistics[proto.Factors.Count];
        for (var f = 0; f < factors.Length; f++)
        {
            var factor = proto.Factors[f];
            var what = $"factor {f} of block {proto.Block}";
            if (factor.Size < 1 || factor.Size > limits.MaxFactorSize)
                throw new InvalidWireMessageException($"{what} has size {factor.Size}; it must be between 1 and {limits.MaxFactorSize}");
            if (factor.Exponent < 1)
                throw new InvalidWireMessageException($"{what} has exponent {factor.Exponent}; it must be at least 1");
            var matrix = TensorCodec.ReadSquare(factor.Statistic, factor.Size, limits.MaxFactorSize, $"the statistic of {what}");
            factors[f] = new FactorStatistics(factor.Size, factor.Exponent, matrix);
        }
        return new SnapshotMessage(job, proto.Epoch, new StatisticsSnapshot(proto.Block, proto.Version, factors, options));
    }

    private static RootsMessage FromProto(string job, P.Roots proto, WireLimits limits)
    {
        BlockVersionEpoch(proto.Block, proto.Version, proto.Epoch, "the roots'");
        var host = Name(proto.Host, "host", limits);
        RootCodec.NonNegative(proto.ComputeMs, "the roots' compute_ms");
        FactorCount(proto.Factors.Count, $"the roots of block {proto.Block}", limits);
        var factors = new InverseRoot[proto.Factors.Count];
        for (var f = 0; f < factors.Length; f++)
        {
            var what = $"the root of factor {f} of block {proto.Block}";
            var root = TensorCodec.ReadSquare(proto.Factors[f].Root, expectedSize: null, limits.MaxFactorSize, what);
            factors[f] = new InverseRoot(root, RootCodec.FromProto(proto.Factors[f].Diagnostics, what));
        }
        return new RootsMessage(job, proto.Epoch, host, proto.ComputeMs, new BlockRoots(proto.Block, proto.Version, factors));
    }

    private static HeartbeatMessage FromProto(string job, P.Heartbeat proto, WireLimits limits)
    {
        var node = Name(proto.Node, "node", limits);
        if (proto.Sequence < 1)
            throw new InvalidWireMessageException($"the heartbeat's sequence is {proto.Sequence}; heartbeats count from 1");
        if (proto.Threads < 1)
            throw new InvalidWireMessageException($"the heartbeat's threads is {proto.Threads}; at least 1 is expected");
        if (proto.Computed < 0)
            throw new InvalidWireMessageException($"the heartbeat's computed is {proto.Computed}; at least 0 is expected");
        return new HeartbeatMessage(job, node, proto.Incarnation, proto.Sequence, proto.Threads, proto.Computed);
    }

    private static JobAnnouncement FromProto(string job, P.JobAnnouncement proto, WireLimits limits)
    {
        NonNegative(proto.Epoch, "the job announcement's epoch");
        if (proto.Blocks.Count > limits.MaxBlocks)
            throw new InvalidWireMessageException($"the job announcement lists {proto.Blocks.Count} blocks, more than the limit of {limits.MaxBlocks}");
        var seen = new HashSet<int>();
        var blocks = new BlockShape[proto.Blocks.Count];
        for (var b = 0; b < blocks.Length; b++)
        {
            var shape = proto.Blocks[b];
            NonNegative(shape.Block, "a block id of the job announcement");
            if (!seen.Add(shape.Block))
                throw new InvalidWireMessageException($"the job announcement lists block {shape.Block} twice");
            FactorCount(shape.FactorSizes.Count, $"block {shape.Block} of the job announcement", limits);
            foreach (var size in shape.FactorSizes)
            {
                if (size < 1 || size > limits.MaxFactorSize)
                    throw new InvalidWireMessageException($"block {shape.Block} of the job announcement has a factor of size {size}; it must be between 1 and {limits.MaxFactorSize}");
            }
            blocks[b] = new BlockShape(shape.Block, shape.FactorSizes.ToArray());
        }
        return new JobAnnouncement(job, proto.Epoch, blocks, proto.Active);
    }

    private static ChunkMessage FromProto(string job, P.Chunk proto, WireLimits limits)
    {
        var messageId = Name(proto.MessageId, "chunk's message id", limits);
        ChunkCount(proto.Count, "the chunk", limits);
        if (proto.Index < 0 || proto.Index >= proto.Count)
            throw new InvalidWireMessageException($"the chunk's index is {proto.Index}; it must be between 0 and {proto.Count - 1} for {proto.Count} chunks");
        if (proto.TotalBytes < 1 || proto.TotalBytes > limits.MaxMessageBytes)
            throw new InvalidWireMessageException($"the chunk's message has {proto.TotalBytes} bytes; it must be between 1 and the limit of {limits.MaxMessageBytes}");
        if (proto.Data.IsEmpty || proto.Data.Length > proto.TotalBytes)
            throw new InvalidWireMessageException($"the chunk holds {proto.Data.Length} bytes of a {proto.TotalBytes}-byte message; between 1 and {proto.TotalBytes} are expected");
        return new ChunkMessage(job, messageId, proto.Index, proto.Count, proto.TotalBytes, proto.Data.ToByteArray());
    }

    private static ChunkTicket FromProto(string job, P.ChunkTicket proto, WireLimits limits)
    {
        BlockVersionEpoch(proto.Block, proto.Version, proto.Epoch, "the chunk ticket's");
        var queue = Name(proto.ChunkQueue, "chunk ticket's queue", limits);
        var messageId = Name(proto.MessageId, "chunk ticket's message id", limits);
        ChunkCount(proto.Count, "the chunk ticket", limits);
        return new ChunkTicket(job, proto.Block, proto.Version, proto.Epoch, queue, messageId, proto.Count);
    }

    /// <summary>Requires block, version and epoch ≥ 0; <paramref name="owner"/> is the possessive that names them in errors.</summary>
    private static void BlockVersionEpoch(int block, long version, long epoch, string owner)
    {
        NonNegative(block, $"{owner} block");
        NonNegative(version, $"{owner} version");
        NonNegative(epoch, $"{owner} epoch");
    }

    private static void NonNegative(long value, string what)
    {
        if (value < 0)
            throw new InvalidWireMessageException($"{what} is {value}; at least 0 is expected");
    }

    private static void FactorCount(int count, string what, WireLimits limits)
    {
        if (count < 1 || count > limits.MaxFactors)
            throw new InvalidWireMessageException($"{what} has {count} factors; between 1 and {limits.MaxFactors} are expected");
    }

    private static void ChunkCount(int count, string what, WireLimits limits)
    {
        if (count < 1 || count > limits.MaxChunks)
            throw new InvalidWireMessageException($"{what} counts {count} chunks; between 1 and {limits.MaxChunks} are expected");
    }
}
