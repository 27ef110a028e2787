using ShampooActors.Configuration;
using ShampooActors.Math.Models;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>training</c> section, with the workload's step budget and batch size filled in where the config leaves them null.</summary>
internal sealed record TrainingSettings(int Steps, int BatchSize, ulong DataSeed, int? Threads, int Accelerators)
{
    /// <summary>Reads and checks the section; nulls take <paramref name="workload"/>'s values; the batch must split evenly over the accelerators.</summary>
    public static TrainingSettings From(Config config, Workload workload)
    {
        var batch = SettingChecks.OptionalIntAtLeast(config, "training.batch-size", 1) ?? workload.BatchSize;
        var accelerators = SettingChecks.IntAtLeast(config, "training.accelerators", 1);
        if (batch % accelerators != 0)
            throw SettingChecks.Invalid(config, "training.accelerators", $"must divide the batch size ({batch}) into equal shards, got {accelerators}");
        return new TrainingSettings(
            SettingChecks.OptionalIntAtLeast(config, "training.steps", 1) ?? workload.Steps,
            batch,
            SettingChecks.Seed(config, "training.data-seed"),
            SettingChecks.OptionalIntAtLeast(config, "training.threads", 1),
            accelerators);
    }
}
