using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>A message of the cluster protocol, decoded and validated (see <c>WireFormat</c>).</summary>
public abstract record WireMessage(string Job);

/// <summary>A block's factor sizes as the trainer registered them: what a snapshot or root of that block must match.</summary>
/// <param name="Block">The block id.</param>
/// <param name="FactorSizes">n of each factor, in order.</param>
public sealed record BlockShape(int Block, IReadOnlyList<int> FactorSizes)
{
    /// <summary>Whether <paramref name="other"/> has the same block and factor sizes.</summary>
    public bool SameAs(BlockShape other) => Block == other.Block && FactorSizes.SequenceEqual(other.FactorSizes);

    /// <summary>The shape of <paramref name="snapshot"/>'s block: its id and the size of each factor.</summary>
    public static BlockShape Of(StatisticsSnapshot snapshot) => new(snapshot.BlockId, snapshot.Factors.Select(f => f.Size).ToArray());
}

/// <summary>A trainer sends one block's statistics to be computed (float64 on the wire).</summary>
/// <param name="Epoch">The trainer incarnation's fencing epoch.</param>
/// <param name="Snapshot">The statistics; its version is the step it was taken at.</param>
/// <param name="Job">The job id.</param>
public sealed record SnapshotMessage(string Job, long Epoch, StatisticsSnapshot Snapshot) : WireMessage(Job);

/// <summary>A preconditioner host publishes one block's inverse roots (every factor accepted and finite).</summary>
/// <param name="Epoch">The epoch of the snapshot they came from.</param>
/// <param name="Host">The node that computed them.</param>
/// <param name="ComputeMilliseconds">How long the computation took on that host.</param>
/// <param name="Roots">The roots, with the snapshot's block and version.</param>
/// <param name="Job">The job id.</param>
public sealed record RootsMessage(string Job, long Epoch, string Host, double ComputeMilliseconds, BlockRoots Roots) : WireMessage(Job);

/// <summary>A preconditioner host says it is alive, to each job it serves.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Incarnation">Distinguishes restarts of a node with the same name.</param>
/// <param name="Sequence">Counts this incarnation's heartbeats from 1.</param>
/// <param name="Threads">How many roots it computes at once.</param>
/// <param name="Computed">Roots it has published for this job so far.</param>
/// <param name="Job">The job id.</param>
public sealed record HeartbeatMessage(string Job, string Node, long Incarnation, long Sequence, int Threads, long Computed) : WireMessage(Job);

/// <summary>A trainer announces its job and its blocks' shapes (periodically, and once more with <paramref name="Active"/> false at its end).</summary>
/// <param name="Epoch">The trainer incarnation's fencing epoch.</param>
/// <param name="Blocks">Every block the trainer has sent snapshots of.</param>
/// <param name="Active">False when the job has ended.</param>
/// <param name="Job">The job id.</param>
public sealed record JobAnnouncement(string Job, long Epoch, IReadOnlyList<BlockShape> Blocks, bool Active) : WireMessage(Job);

/// <summary>One part of a message too large to send whole (see <c>WireChunks</c>).</summary>
/// <param name="MessageId">Identifies the message the chunk belongs to.</param>
/// <param name="Index">The chunk's position, from 0.</param>
/// <param name="Count">How many chunks the message has.</param>
/// <param name="TotalBytes">The whole message's size.</param>
/// <param name="Data">This chunk's bytes.</param>
/// <param name="Job">The job id.</param>
public sealed record ChunkMessage(string Job, string MessageId, int Index, int Count, long TotalBytes, byte[] Data) : WireMessage(Job);

/// <summary>
/// Stands in a snapshot queue for a snapshot too large for one message (claim check): the chunks wait in
/// <paramref name="ChunkQueue"/>, which the receiver reads and deletes.
/// </summary>
/// <param name="Block">The snapshot's block.</param>
/// <param name="Version">The snapshot's version.</param>
/// <param name="Epoch">The trainer's epoch.</param>
/// <param name="ChunkQueue">The queue holding the chunks.</param>
/// <param name="MessageId">The chunks' message id.</param>
/// <param name="Count">How many chunks.</param>
/// <param name="Job">The job id.</param>
public sealed record ChunkTicket(string Job, int Block, long Version, long Epoch, string ChunkQueue, string MessageId, int Count) : WireMessage(Job);
