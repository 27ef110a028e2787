namespace ShampooActors.Actors.Training;

/// <summary>What the orchestrator publishes on the event stream, stamped with the system clock: the raw material of traces and metrics.</summary>
public abstract record TrainingEvent(DateTimeOffset At);

/// <summary>A snapshot reached the preconditioner side; <paramref name="Replaced"/> when it replaced a queued older one of its block.</summary>
public sealed record SnapshotQueued(DateTimeOffset At, int Block, long Version, bool Replaced, int QueueDepth) : TrainingEvent(At);

/// <summary>A worker started computing a block's roots.</summary>
public sealed record ComputationStarted(DateTimeOffset At, int Block, long Version) : TrainingEvent(At);

/// <summary>The registry accepted a block's version as its newest and passed it on to the subscribers.</summary>
public sealed record RootsPublished(DateTimeOffset At, int Block, long Version, double ComputeMilliseconds) : TrainingEvent(At);

/// <summary>The registry ignored a publication no newer than the version it holds (a duplicate or a late one).</summary>
public sealed record PublicationIgnored(DateTimeOffset At, int Block, long Version, long Current) : TrainingEvent(At);

/// <summary>Roots failed validation; the previous ones stay in use.</summary>
public sealed record RootsRejected(DateTimeOffset At, int Block, long Version, string Reason) : TrainingEvent(At);

/// <summary>A computation threw; its preconditioner restarts and the block is retried after <paramref name="RetryAfter"/>.</summary>
public sealed record ComputationFailed(DateTimeOffset At, int Block, long Version, string Reason, TimeSpan RetryAfter) : TrainingEvent(At);

/// <summary>An accelerator adopted a block's roots at the boundary before <paramref name="Step"/>.</summary>
public sealed record RootsAdopted(DateTimeOffset At, int Block, long Version, long Step) : TrainingEvent(At);

/// <summary>
/// A step finished: its loss, how long the staleness policy held it, and every block's staleness (step − version of the roots
/// the step used; empty for optimizers without blocks).
/// </summary>
public sealed record StepCompleted(DateTimeOffset At, long Step, float Loss, TimeSpan Waited, IReadOnlyList<long> Staleness) : TrainingEvent(At);

/// <summary>The wait policy gave up waiting before <paramref name="Step"/> and went on with the stale roots of <paramref name="Blocks"/>.</summary>
public sealed record StalenessWaitTimedOut(DateTimeOffset At, long Step, IReadOnlyList<int> Blocks) : TrainingEvent(At);
