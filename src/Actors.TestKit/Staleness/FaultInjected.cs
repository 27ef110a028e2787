using ShampooActors.Actors.Training;

namespace ShampooActors.Testing;

/// <summary>
/// A planned fault took hold: published on the event stream (so a <see cref="DeliveryTrace"/> records it among the
/// orchestrator's events) when the computation is asked for or the publication reaches the relay.
/// </summary>
/// <param name="At">The system clock's time then.</param>
/// <param name="Block">The block hit.</param>
/// <param name="Version">Its version.</param>
/// <param name="Kind">The fault.</param>
/// <param name="Occurrence">Which computation or publication it was, counted from 1 overall.</param>
public sealed record FaultInjected(DateTimeOffset At, int Block, long Version, FaultKind Kind, long Occurrence) : TrainingEvent(At);
