using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>Everything a training job is configured with, read once from its resolved config and checked.</summary>
internal sealed record JobSettings(
    WorkloadSettings Workload,
    ModelSettings Model,
    TrainingSettings Training,
    OptimizerSettings Optimizer,
    LoggingSettings Logging,
    CheckpointSettings Checkpoints,
    Actors.Training.PreconditioningOptions Preconditioning)
{
    /// <summary>Reads every section of a resolved job config (see <see cref="JobConfig"/>).</summary>
    public static JobSettings From(Config config)
    {
        Actors.Kernel.ActorSystemSettings.From(config); // the actors section is checked before anything is written
        var workload = WorkloadSettings.From(config);
        var training = TrainingSettings.From(config, workload.Definition);
        return new JobSettings(workload, ModelSettings.From(config), training, OptimizerSettings.From(config, training.Steps),
            LoggingSettings.From(config), CheckpointSettings.From(config), PreconditioningSettings.From(config));
    }
}
