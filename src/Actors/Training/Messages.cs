using ShampooActors.Actors.Kernel;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Training;

/// <summary>Asks a preconditioner actor to compute, validate and publish the roots of one snapshot of its block.</summary>
public sealed record ComputeRoots(StatisticsSnapshot Snapshot);

/// <summary>Validated inverse roots of one block, versioned with the step of the statistics they came from.</summary>
/// <param name="Block">The block id.</param>
/// <param name="Version">The snapshot's step.</param>
/// <param name="Roots">Every factor's root, all accepted and finite.</param>
/// <param name="ComputeMilliseconds">How long the computation took where it ran.</param>
public sealed record PreconditionerReady(int Block, long Version, BlockRoots Roots, double ComputeMilliseconds);

/// <summary>How one root computation ended.</summary>
public enum ComputationOutcome
{
    /// <summary>Valid roots went out for publication.</summary>
    Published,

    /// <summary>The roots failed validation (non-finite, wrong shape, or a factor rejected); nothing was published.</summary>
    Rejected,

    /// <summary>The computation threw; the preconditioner restarts.</summary>
    Failed,
}

/// <summary>A preconditioner actor tells its pool that a computation ended, so the worker is free again.</summary>
public sealed record ComputationEnded(StatisticsSnapshot Snapshot, ComputationOutcome Outcome, double Milliseconds, string? Reason);

/// <summary>Subscribes an actor to every version the registry accepts (it receives <see cref="PreconditionerReady"/>).</summary>
public sealed record SubscribeRoots(IActorRef Subscriber);

/// <summary>Asks the registry for the newest version it holds per block; the reply is <see cref="RootVersions"/>.</summary>
public sealed record GetRootVersions
{
    /// <summary>The one instance.</summary>
    public static GetRootVersions Instance { get; } = new();
}

/// <summary>The newest version the registry holds per block (blocks without any are absent).</summary>
public sealed record RootVersions(IReadOnlyDictionary<int, long> Versions);

/// <summary>Starts the job; the sender gets <see cref="JobFinished"/> when training ends.</summary>
public sealed record StartTraining
{
    /// <summary>The one instance.</summary>
    public static StartTraining Instance { get; } = new();
}

/// <summary>Stops training at the next step boundary, with a checkpoint of that step; the sender gets <see cref="JobFinished"/>.</summary>
/// <param name="Reason">Why, for the summary (e.g. "interrupted by Ctrl+C").</param>
public sealed record StopTraining(string Reason);

/// <summary>How a job ended.</summary>
/// <param name="Outcome">"completed", "interrupted", "diverged" or "failed".</param>
/// <param name="Steps">The last step completed.</param>
/// <param name="Reason">Why it stopped early, or null.</param>
public sealed record JobFinished(string Outcome, long Steps, string? Reason);
