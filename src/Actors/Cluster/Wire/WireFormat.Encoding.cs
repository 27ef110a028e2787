using Google.Protobuf;
using ShampooActors.Math.Optim;
using P = ShampooActors.Actors.Cluster.Wire.Proto;

namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>Records to protobuf messages.</summary>
public static partial class WireFormat
{
    private static (P.MessageKind Kind, IMessage Inner) ToProto(WireMessage message) => message switch
    {
        SnapshotMessage m => (P.MessageKind.Snapshot, ToProto(m)),
        RootsMessage m => (P.MessageKind.Roots, ToProto(m)),
        HeartbeatMessage m => (P.MessageKind.Heartbeat, new P.Heartbeat
        {
            Node = m.Node, Incarnation = m.Incarnation, Sequence = m.Sequence, Threads = m.Threads, Computed = m.Computed,
        }),
        JobAnnouncement m => (P.MessageKind.JobAnnouncement, ToProto(m)),
        ChunkMessage m => (P.MessageKind.Chunk, ToProto(m.MessageId, m.Index, m.Count, m.TotalBytes, m.Data)),
        ChunkTicket m => (P.MessageKind.ChunkTicket, new P.ChunkTicket
        {
            Block = m.Block, Version = m.Version, Epoch = m.Epoch, ChunkQueue = m.ChunkQueue, MessageId = m.MessageId, Count = m.Count,
        }),
        _ => throw new ArgumentException($"{message.GetType().Name} has no wire encoding", nameof(message)),
    };

    private static P.Snapshot ToProto(SnapshotMessage message)
    {
        var snapshot = message.Snapshot;
        var proto = new P.Snapshot
        {
            Block = snapshot.BlockId,
            Version = snapshot.Version,
            Epoch = message.Epoch,
            Roots = RootCodec.ToProto(snapshot.Roots),
        };
        for (var f = 0; f < snapshot.Factors.Count; f++)
        {
            var factor = snapshot.Factors[f];
            RequireSquare(factor.Size, factor.Matrix, $"factor {f} of block {snapshot.BlockId}");
            proto.Factors.Add(new P.Factor { Size = factor.Size, Exponent = factor.Exponent, Statistic = TensorCodec.Square(factor.Size, factor.Matrix) });
        }
        return proto;
    }

    private static P.Roots ToProto(RootsMessage message)
    {
        var roots = message.Roots;
        var proto = new P.Roots
        {
            Block = roots.BlockId,
            Version = roots.Version,
            Epoch = message.Epoch,
            Host = message.Host,
            ComputeMs = message.ComputeMilliseconds,
        };
        for (var f = 0; f < roots.Factors.Count; f++)
        {
            var what = $"the root of factor {f} of block {roots.BlockId}";
            var root = roots.Factors[f].Root ?? throw new ArgumentException($"{what} was rejected; only accepted roots are sent", nameof(message));
            var n = (int)System.Math.Round(System.Math.Sqrt(root.Length));
            RequireSquare(n, root, what);
            proto.Factors.Add(new P.FactorRoot { Root = TensorCodec.Square(n, root), Diagnostics = RootCodec.ToProto(roots.Factors[f].Diagnostics) });
        }
        return proto;
    }

    private static P.JobAnnouncement ToProto(JobAnnouncement message)
    {
        var proto = new P.JobAnnouncement { Epoch = message.Epoch, Active = message.Active };
        foreach (var block in message.Blocks)
        {
            var shape = new P.BlockShape { Block = block.Block };
            shape.FactorSizes.Add(block.FactorSizes);
            proto.Blocks.Add(shape);
        }
        return proto;
    }

    private static P.Chunk ToProto(string messageId, int index, int count, long totalBytes, ReadOnlySpan<byte> data) => new()
    {
        MessageId = messageId, Index = index, Count = count, TotalBytes = totalBytes, Data = ByteString.CopyFrom(data),
    };

    /// <summary>The envelope of one chunk of <paramref name="job"/>'s message, its data copied from <paramref name="data"/>.</summary>
    internal static byte[] EncodeChunk(string job, string messageId, int index, int count, long totalBytes, ReadOnlySpan<byte> data) =>
        Seal(job, P.MessageKind.Chunk, ToProto(messageId, index, count, totalBytes, data));

    private static void RequireSquare(int n, double[] matrix, string what)
    {
        if (n < 1 || matrix.Length != (long)n * n)
            throw new ArgumentException($"{what} has {matrix.Length} values; an n×n matrix with n = {n} has {(long)n * n}");
    }
}
