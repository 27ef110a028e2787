using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Checkpoints;

/// <summary>Everything a run needs to continue from a step: model parameters, optimizer state, schedule and data position.</summary>
internal sealed record Checkpoint(
    long Step,
    IReadOnlyDictionary<string, Tensor> Model,
    OptimizerStateDict Optimizer,
    LrSchedulerState Scheduler,
    BatchLoaderState Data);
