using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>model</c> section: how the workload's model is initialised.</summary>
internal sealed record ModelSettings(ulong Seed)
{
    /// <summary>Reads and checks the section.</summary>
    public static ModelSettings From(Config config) => new(SettingChecks.Seed(config, "model.seed"));
}
