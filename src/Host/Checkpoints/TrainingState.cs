using ShampooActors.Math.Data;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Checkpoints;

/// <summary>The live objects whose state a checkpoint holds.</summary>
internal sealed record TrainingState(Module Model, Optimizer Optimizer, LrScheduler Scheduler, BatchLoader Loader)
{
    /// <summary>A copy of their state after step <paramref name="step"/>.</summary>
    public Checkpoint Capture(long step) => new(step, Model.StateDict(), Optimizer.StateDict(), Scheduler.StateDict(), Loader.SaveState());
}
