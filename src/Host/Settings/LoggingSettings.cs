using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>logging</c> section: metrics interval, test evaluations, progress bar and report.</summary>
internal sealed record LoggingSettings(int LogEvery, int EvalEvery, bool? Progress, bool Report)
{
    /// <summary>Reads and checks the section; eval-every must be 0 or a multiple of log-every.</summary>
    public static LoggingSettings From(Config config)
    {
        var logEvery = SettingChecks.IntAtLeast(config, "logging.log-every", 1);
        var evalEvery = SettingChecks.IntAtLeast(config, "logging.eval-every", 0);
        if (evalEvery % logEvery != 0)
            throw SettingChecks.Invalid(config, "logging.eval-every", $"must be 0 or a multiple of logging.log-every ({logEvery}), got {evalEvery}");
        return new LoggingSettings(logEvery, evalEvery, SettingChecks.OptionalBoolean(config, "logging.progress"), config.GetBoolean("logging.report"));
    }
}
