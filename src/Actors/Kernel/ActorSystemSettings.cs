using ShampooActors.Configuration;

namespace ShampooActors.Actors.Kernel;

/// <summary>How a dispatcher runs mailbox turns.</summary>
public enum DispatcherKind
{
    /// <summary>Turns are .NET thread-pool work items.</summary>
    ThreadPool,

    /// <summary>Turns run on a fixed set of the dispatcher's own threads (bounded, for blocking work).</summary>
    DedicatedThreads,
}

/// <summary>One dispatcher of <c>actors.dispatchers</c>.</summary>
public sealed record DispatcherSettings(string Id, DispatcherKind Kind, int Throughput, int Threads);

/// <summary>The phases of coordinated shutdown, run in order, and how long each may take.</summary>
public sealed record CoordinatedShutdownSettings(IReadOnlyList<string> Phases, TimeSpan PhaseTimeout);

/// <summary>The <c>actors</c> section of the configuration, read once when the system starts.</summary>
public sealed record ActorSystemSettings(
    IReadOnlyDictionary<string, DispatcherSettings> Dispatchers,
    TimeSpan AskTimeout,
    int LogDeadLetters,
    bool LogDeadLettersDuringShutdown,
    LogLevel LogLevel,
    CoordinatedShutdownSettings CoordinatedShutdown)
{
    /// <summary>The defaults: the <c>actors</c> section of the reference configuration.</summary>
    public static ActorSystemSettings Default { get; } = From(ReferenceConfig.Value);

    /// <summary>Reads the <c>actors</c> section of <paramref name="config"/> over the reference; a bad value throws <see cref="ConfigException"/>.</summary>
    public static ActorSystemSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var actors = config.WithFallback(ReferenceConfig.Value).Resolve().GetConfig("actors");
        return new ActorSystemSettings(
            ReadDispatchers(actors),
            ReadAskTimeout(actors),
            ReadDeadLetterCount(actors),
            actors.GetBoolean("log-dead-letters-during-shutdown"),
            ReadLogLevel(actors),
            ReadCoordinatedShutdown(actors));
    }

    private static Dictionary<string, DispatcherSettings> ReadDispatchers(Config actors)
    {
        var section = actors.GetConfig("dispatchers");
        var ids = section.Entries().Select(e => Config.SplitPath(e.Key)[0]).Distinct(StringComparer.Ordinal);
        var dispatchers = new Dictionary<string, DispatcherSettings>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var d = section.GetConfig(Config.JoinPath([id]));
            var kindText = d.GetString("type");
            var kind = kindText switch
            {
                "thread-pool" => DispatcherKind.ThreadPool,
                "dedicated-threads" => DispatcherKind.DedicatedThreads,
                _ => throw Invalid(actors, $"dispatchers.{id}.type", $"is '{kindText}'; use thread-pool or dedicated-threads"),
            };
            var throughput = d.GetInt("throughput");
            if (throughput < 1)
                throw Invalid(actors, $"dispatchers.{id}.throughput", $"is {throughput}; it must be at least 1");
            var threads = d.GetInt("threads");
            if (threads < 1)
                throw Invalid(actors, $"dispatchers.{id}.threads", $"is {threads}; it must be at least 1");
            dispatchers[id] = new DispatcherSettings(id, kind, throughput, threads);
        }
        if (!dispatchers.ContainsKey(Props.DefaultDispatcherId))
            throw new ConfigException($"there is no {Props.DefaultDispatcherId} dispatcher", new ConfigOrigin("actors", 0), "actors.dispatchers");
        return dispatchers;
    }

    private static TimeSpan ReadAskTimeout(Config actors)
    {
        return Timeout(actors, "ask-timeout");
    }

    private static int ReadDeadLetterCount(Config actors)
    {
        var text = actors.GetString("log-dead-letters");
        switch (text)
        {
            case "on" or "true" or "yes":
                return int.MaxValue;
            case "off" or "false" or "no":
                return 0;
        }
        var count = actors.GetInt("log-dead-letters");
        return count >= 0 ? count : throw Invalid(actors, "log-dead-letters", $"is {count}; use on, off or a count");
    }

    private static LogLevel ReadLogLevel(Config actors)
    {
        var text = actors.GetString("loglevel");
        return text.ToLowerInvariant() switch
        {
            "debug" => LogLevel.Debug,
            "info" => LogLevel.Info,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => throw Invalid(actors, "loglevel", $"is '{text}'; use debug, info, warning or error"),
        };
    }

    private static CoordinatedShutdownSettings ReadCoordinatedShutdown(Config actors)
    {
        var phases = actors.GetStringList("coordinated-shutdown.phases");
        if (phases.Count == 0)
            throw Invalid(actors, "coordinated-shutdown.phases", "is empty; name at least one phase");
        var duplicate = phases.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw Invalid(actors, "coordinated-shutdown.phases", $"names phase '{duplicate.Key}' twice");
        return new CoordinatedShutdownSettings(phases, Timeout(actors, "coordinated-shutdown.phase-timeout"));
    }

    /// <summary>The longest delay a timer takes: 2³² − 2 milliseconds, about 49.7 days.</summary>
    public static TimeSpan MaxTimerDelay => TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>A timeout at <paramref name="path"/>: infinite, or positive and no longer than a timer can wait.</summary>
    private static TimeSpan Timeout(Config actors, string path)
    {
        var timeout = actors.GetDuration(path);
        if (timeout == System.Threading.Timeout.InfiniteTimeSpan)
            return timeout;
        if (timeout <= TimeSpan.Zero || timeout > MaxTimerDelay)
            throw Invalid(actors, path, $"is {timeout}; it must be positive and at most {MaxTimerDelay.TotalDays:F1} days, or infinite");
        return timeout;
    }

    private static ConfigException Invalid(Config actors, string path, string problem) =>
        new(problem, actors.GetValue(path).Origin, "actors." + path);
}
