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
    Actors.Training.PreconditioningOptions Preconditioning,
    ClusterSettings Cluster)
{
    /// <summary>Reads every section of a resolved job config (see <see cref="JobConfig"/>).</summary>
    public static JobSettings From(Config config)
    {
        Actors.Kernel.ActorSystemSettings.From(config); // the actors section is checked before anything is written
        var workload = WorkloadSettings.From(config);
        var training = TrainingSettings.From(config, workload.Definition);
        return new JobSettings(workload, ModelSettings.From(config), training, OptimizerSettings.From(config, training.Steps),
            LoggingSettings.From(config), CheckpointSettings.From(config), PreconditioningSettings.From(config), ClusterOf(config));
    }

    /// <summary>The cluster section; with <c>cluster.enabled = on</c> the job must be Shampoo with asynchronous roots (nothing else has roots to send).</summary>
    private static ClusterSettings ClusterOf(Config config)
    {
        var cluster = ClusterSettings.From(config);
        if (cluster.Enabled && (config.GetString("optimizer.kind") != "shampoo" || config.GetString("preconditioning.mode") != "async"))
            throw SettingChecks.Invalid(config, "cluster.enabled",
                $"on needs optimizer.kind = shampoo and preconditioning.mode = async (this job: {config.GetString("optimizer.kind")}, {config.GetString("preconditioning.mode")})");
        return cluster;
    }
}
