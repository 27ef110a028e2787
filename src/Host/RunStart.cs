using ShampooActors.Host.Checkpoints;

namespace ShampooActors.Host;

/// <summary>
/// Where a run's step loop begins: the live objects, the run folder, the step and training seconds already done, and the
/// metrics lines already written for them (all zero and empty for a new run).
/// </summary>
internal sealed record RunStart(TrainingState State, RunDirectory Run, long Step, double WallSeconds, IReadOnlyList<MetricsLine> Metrics)
{
    /// <summary>The start of a new run in <paramref name="run"/>.</summary>
    public static RunStart Fresh(TrainingState state, RunDirectory run) => new(state, run, 0, 0, []);
}
