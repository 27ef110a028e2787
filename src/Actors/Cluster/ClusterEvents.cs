using ShampooActors.Actors.Training;

namespace ShampooActors.Actors.Cluster;

/// <summary>A preconditioner host became available to the job: its first heartbeat, or one after it was unreachable.</summary>
public sealed record HostJoined(DateTimeOffset At, string Host) : TrainingEvent(At);

/// <summary>The failure detector's φ for a host passed the threshold: the job no longer counts on it.</summary>
public sealed record HostUnreachable(DateTimeOffset At, string Host, double Phi) : TrainingEvent(At);

/// <summary>No host answered for <c>fallback-after</c>: the trainer computes roots itself until a host answers again.</summary>
public sealed record FallbackStarted(DateTimeOffset At, string Reason) : TrainingEvent(At);

/// <summary>A host answered again: roots come from the cluster again.</summary>
public sealed record FallbackEnded(DateTimeOffset At, string Host) : TrainingEvent(At);

/// <summary>A trainer sent a block's snapshot to the broker (<paramref name="Chunks"/> 0 when it went whole).</summary>
public sealed record SnapshotSent(DateTimeOffset At, int Block, long Version, int Bytes, int Chunks) : TrainingEvent(At);

/// <summary>A trainer received valid roots from a host and passed them to its registry.</summary>
public sealed record RemoteRootsReceived(DateTimeOffset At, int Block, long Version, string Host, double ComputeMilliseconds) : TrainingEvent(At);

/// <summary>A received message failed validation and was rejected without requeue (dead-lettered); never applied.</summary>
public sealed record InvalidMessageRejected(DateTimeOffset At, string Queue, string Reason) : TrainingEvent(At);

/// <summary>A dead letter reached the trainer's dead-letter queue, with the broker's reason ("rejected", "maxlen", "expired").</summary>
public sealed record MessageDeadLettered(DateTimeOffset At, string Queue, string Reason) : TrainingEvent(At);

/// <summary>Roots of another trainer incarnation (an older epoch) arrived and were ignored.</summary>
public sealed record FencedRootsIgnored(DateTimeOffset At, int Block, long Version, long Epoch, long CurrentEpoch) : TrainingEvent(At);
