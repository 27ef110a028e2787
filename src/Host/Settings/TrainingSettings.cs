using ShampooActors.Configuration;
using ShampooActors.Math.Models;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>training</c> section, with the workload's step budget and batch size filled in where the config leaves them null.</summary>
internal sealed record TrainingSettings(int Steps, int BatchSize, ulong DataSeed, int? Threads)
{
    /// <summary>Reads and checks the section; nulls take <paramref name="workload"/>'s values.</summary>
    public static TrainingSettings From(Config config, Workload workload) => new(
        SettingChecks.OptionalIntAtLeast(config, "training.steps", 1) ?? workload.Steps,
        SettingChecks.OptionalIntAtLeast(config, "training.batch-size", 1) ?? workload.BatchSize,
        SettingChecks.Seed(config, "training.data-seed"),
        SettingChecks.OptionalIntAtLeast(config, "training.threads", 1));
}
