using ShampooActors.Actors.Training;
using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>preconditioning</c> section (how the orchestrator computes and adopts roots) with the numeric dispatcher's thread count as its workers.</summary>
internal static class PreconditioningSettings
{
    /// <summary>The policy names of the config.</summary>
    public static readonly IReadOnlyDictionary<string, StalenessPolicy> Policies = new Dictionary<string, StalenessPolicy>
    {
        ["continue"] = StalenessPolicy.Continue,
        ["wait"] = StalenessPolicy.Wait,
        ["graft-only"] = StalenessPolicy.GraftOnly,
    };

    /// <summary>The priority names of the config.</summary>
    public static readonly IReadOnlyDictionary<string, RootPriority> Priorities = new Dictionary<string, RootPriority>
    {
        ["changed-most"] = RootPriority.ChangedMost,
        ["fifo"] = RootPriority.Fifo,
    };

    /// <summary>
    /// Reads and checks the section. With Shampoo and the wait policy, max-staleness must be at least precondition-every: a
    /// block then passes the bound only while a newer snapshot of it is being computed, never between snapshots with nothing
    /// to wait for. The graft-only policy needs a bound of at least 1, or Shampoo would never precondition.
    /// </summary>
    public static PreconditioningOptions From(Config config)
    {
        var mode = SettingChecks.OneOf(config, "preconditioning.mode", ["async", "sync"]);
        var policy = Policies[SettingChecks.OneOf(config, "preconditioning.staleness-policy", Policies.Keys.ToArray())];
        var maxStaleness = config.GetLong("preconditioning.max-staleness");
        if (maxStaleness < 0)
            throw SettingChecks.Invalid(config, "preconditioning.max-staleness", $"must be at least 0, got {maxStaleness}");
        var every = config.GetInt("optimizer.shampoo.precondition-every");
        var shampoo = config.GetString("optimizer.kind") == "shampoo";
        if (shampoo && policy == StalenessPolicy.Wait && maxStaleness < every)
            throw SettingChecks.Invalid(config, "preconditioning.max-staleness",
                $"must be at least optimizer.shampoo.precondition-every ({every}) with staleness-policy = wait, got {maxStaleness}");
        if (policy == StalenessPolicy.GraftOnly && maxStaleness < 1)
            throw SettingChecks.Invalid(config, "preconditioning.max-staleness", "must be at least 1 with staleness-policy = graft-only, got 0");
        var min = Positive(config, "preconditioning.failure-backoff.min");
        var max = Positive(config, "preconditioning.failure-backoff.max");
        if (max < min)
            throw SettingChecks.Invalid(config, "preconditioning.failure-backoff.max", $"must be at least failure-backoff.min ({min.TotalMilliseconds} ms)");
        return new PreconditioningOptions
        {
            Mode = mode == "async" ? PreconditioningMode.Async : PreconditioningMode.Sync,
            MaxStaleness = maxStaleness,
            Policy = policy,
            WaitTimeout = Positive(config, "preconditioning.wait-timeout"),
            Priority = Priorities[SettingChecks.OneOf(config, "preconditioning.priority", Priorities.Keys.ToArray())],
            Workers = SettingChecks.IntAtLeast(config, "actors.dispatchers.numeric.threads", 1),
            FailureBackoffMin = min,
            FailureBackoffMax = max,
        };
    }

    /// <summary>A duration that is positive and no longer than a timer can wait.</summary>
    private static TimeSpan Positive(Config config, string path)
    {
        var value = config.GetDuration(path);
        var max = Actors.Kernel.ActorSystemSettings.MaxTimerDelay;
        return value > TimeSpan.Zero && value <= max ? value
            : throw SettingChecks.Invalid(config, path, $"must be longer than 0 and at most {max.TotalDays:F1} days, got {value}");
    }
}
