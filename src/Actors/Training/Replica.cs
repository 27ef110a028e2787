using ShampooActors.Actors.Kernel;
using ShampooActors.Math.Data;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Actors.Training;

/// <summary>One data-parallel copy of the model with its optimizer, schedule, data shard and step loop, owned by one accelerator.</summary>
/// <param name="Model">The model.</param>
/// <param name="Optimizer">Its optimizer.</param>
/// <param name="Scheduler">The learning-rate schedule stepping the optimizer.</param>
/// <param name="Loader">The loader of this replica's shard of each batch.</param>
/// <param name="Trainer">The step in two halves over the above; its <see cref="Trainer.Step"/> is the replica's step.</param>
public sealed record Replica(Module Model, Optimizer Optimizer, LrScheduler Scheduler, BatchLoader Loader, Trainer Trainer);

/// <summary>What the leading accelerator reports after each step.</summary>
/// <param name="Result">The step's number, loss (the mean over the whole batch), timings and learning rate.</param>
/// <param name="Waited">How long the staleness policy held the step.</param>
public readonly record struct StepReport(StepResult Result, TimeSpan Waited);

/// <summary>
/// Where a job's results go, called on the leading accelerator's turn, between steps, so the replica can be read
/// consistently: per-step reports (metrics, progress) and the checkpoints the job decides on.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>A step finished on <paramref name="leader"/>.</summary>
    void StepCompleted(StepReport report, Replica leader);

    /// <summary>A checkpoint of <paramref name="leader"/> after <paramref name="step"/> is due (every <c>checkpoint-every</c> steps and when training stops).</summary>
    void SaveCheckpoint(long step, Replica leader);
}

/// <summary>What a job runs on that is not its model: the root service, an optional relay on the publication path, and simulated time.</summary>
public sealed record TrainingServices
{
    /// <summary>Computes the roots (default: the Math library's function on the numeric dispatcher's threads).</summary>
    public IRootService Roots { get; init; } = LocalRootService.Instance;

    /// <summary>An actor placed between the preconditioners and the registry, given the registry's ref; null = none (fault studies drop, duplicate or reorder here).</summary>
    public Func<IActorRef, Props>? PublicationRelay { get; init; }

    /// <summary>Time each step takes on the actor system's clock; null = steps run back to back (set it to study staleness in virtual time).</summary>
    public TimeSpan? SimulatedStepTime { get; init; }

    /// <summary>Makes the actor that takes the job's snapshots in async mode; null = the in-process pool (<see cref="PreconditionerSide.LocalPool"/>).</summary>
    public Func<PreconditionerSide, Props>? Preconditioners { get; init; }
}

/// <summary>What the actor taking a job's snapshots is built from.</summary>
/// <param name="PublishTo">Where valid roots go (the registry, or the relay before it).</param>
/// <param name="Metrics">The job's preconditioning counters.</param>
/// <param name="LocalPool">The props of the in-process pool, computing through <see cref="TrainingServices.Roots"/>.</param>
public sealed record PreconditionerSide(IActorRef PublishTo, PreconditioningMetrics Metrics, Props LocalPool);

/// <summary>One training job for a <see cref="JobActor"/>: its replicas, length, preconditioning, checkpoints and observer.</summary>
/// <param name="Replicas">Data-parallel replicas, one accelerator each (at least 1).</param>
/// <param name="CreateReplica">Builds replica r (0-based) at the job's starting step; every replica must start identical.</param>
/// <param name="Steps">The step to train to.</param>
/// <param name="Preconditioning">How roots are computed, scheduled and adopted.</param>
/// <param name="CheckpointEvery">Steps between checkpoints; 0 = only when training stops early.</param>
/// <param name="Observer">Where reports and checkpoints go.</param>
/// <param name="Services">The root service, relay and simulated time.</param>
public sealed record TrainingJob(int Replicas, Func<int, Replica> CreateReplica, long Steps, PreconditioningOptions Preconditioning,
    long CheckpointEvery, ITrainingObserver Observer, TrainingServices Services);
