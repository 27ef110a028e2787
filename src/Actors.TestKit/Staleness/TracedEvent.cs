using ShampooActors.Actors.Training;

namespace ShampooActors.Testing;

/// <summary>One event of a <see cref="DeliveryTrace"/>: when it was published, relative to the trace's start, and the event.</summary>
/// <param name="Time">The clock's time at publication minus the trace's origin (virtual time in the test kit).</param>
/// <param name="Event">The event.</param>
public readonly record struct TracedEvent(TimeSpan Time, TrainingEvent Event)
{
    /// <inheritdoc />
    public override string ToString() => $"{DeliveryTrace.Format(Time)} {Event}";
}

/// <summary>One block's staleness at the end of one step (step − version of the roots the step used).</summary>
/// <param name="Step">The step.</param>
/// <param name="Staleness">Its staleness.</param>
public readonly record struct StalenessSample(long Step, long Staleness);
