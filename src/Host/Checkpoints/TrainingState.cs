using ShampooActors.Math.Data;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Checkpoints;

/// <summary>The live objects whose state a checkpoint holds.</summary>
internal sealed record TrainingState(Module Model, Optimizer Optimizer, LrScheduler Scheduler, BatchLoader Loader)
{
    /// <summary>A copy of their state after step <paramref name="step"/>, with the training seconds taken so far.</summary>
    public Checkpoint Capture(long step, double? wallSeconds = null) =>
        new(step, Model.StateDict(), Optimizer.StateDict(), Scheduler.StateDict(), Loader.SaveState(), wallSeconds);

    /// <summary>
    /// Loads <paramref name="checkpoint"/> into the model, optimizer, scheduler and loader, in that order. A part that does not fit
    /// throws <see cref="ArgumentException"/> and leaves that part as it was, but the parts before it are already restored:
    /// after a throw, build new objects rather than use these.
    /// </summary>
    public void Restore(Checkpoint checkpoint)
    {
        Model.LoadStateDict(checkpoint.Model);
        Optimizer.LoadStateDict(checkpoint.Optimizer);
        Scheduler.LoadStateDict(checkpoint.Scheduler);
        Loader.RestoreState(checkpoint.Data);
    }
}
