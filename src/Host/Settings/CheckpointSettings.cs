using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>checkpoints</c> section: how often a run saves its state and how many saves it keeps.</summary>
internal sealed record CheckpointSettings(int Every, int Keep)
{
    /// <summary>Reads and checks the section.</summary>
    public static CheckpointSettings From(Config config) => new(
        SettingChecks.IntAtLeast(config, "checkpoints.every", 0),
        SettingChecks.IntAtLeast(config, "checkpoints.keep", 1));
}
