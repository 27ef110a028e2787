using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Checkpoints;

/// <summary>
/// Everything a run needs to continue from a step: model parameters, optimizer state, schedule and data position, and the
/// training seconds taken so far (null when unknown), so the run's clock continues.
/// </summary>
internal sealed record Checkpoint(
    long Step,
    IReadOnlyDictionary<string, Tensor> Model,
    OptimizerStateDict Optimizer,
    LrSchedulerState Scheduler,
    BatchLoaderState Data,
    double? WallSeconds = null);
