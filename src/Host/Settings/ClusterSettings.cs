using System.Text.Json.Serialization;
using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Membership;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>cluster</c> section, read and checked: whether training uses the cluster, the broker, and the protocol's timings and sizes.</summary>
internal sealed record ClusterSettings(
    bool Enabled,
    string? JobId,
    BrokerSettings Broker,
    TimeSpan HeartbeatInterval,
    FailureDetectorOptions FailureDetector,
    TimeSpan FallbackAfter,
    int ChunkBytes,
    WireLimits Limits,
    NodeSettings Node)
{
    /// <summary>The roles a host can take.</summary>
    public static readonly IReadOnlyList<string> KnownRoles = ["preconditioner"];

    /// <summary>Reads the section; the broker's credentials are read only when asked (<see cref="BrokerSettings.Credentials"/>).</summary>
    public static ClusterSettings From(Config config)
    {
        var jobId = config.IsNull("cluster.job-id") ? null : config.GetString("cluster.job-id");
        if (jobId is not null)
            CheckJobId(config, jobId);
        // RabbitMQ refuses messages above 128 MiB by default (max_message_size); a receiver takes at most MaxChunks chunks.
        var chunk = Bytes(config, "cluster.chunk-size", 1024, 128 << 20);
        var max = Bytes(config, "cluster.max-message-size", chunk, (long)chunk * new WireLimits().MaxChunks,
            $" (at least cluster.chunk-size, at most {new WireLimits().MaxChunks} chunks of it)");
        var threads = SettingChecks.IntAtLeast(config, "cluster.node.threads", 1);
        if (threads > 1000)
            throw SettingChecks.Invalid(config, "cluster.node.threads", $"must be at most 1000 (one broker channel each), got {threads}");
        if (!config.IsNull("cluster.node.name"))
            CheckJobId(config, config.GetString("cluster.node.name"), "cluster.node.name");
        var roles = config.GetStringList("cluster.node.roles");
        foreach (var role in roles.Where(r => !KnownRoles.Contains(r)))
            throw SettingChecks.Invalid(config, "cluster.node.roles", $"'{role}' is unknown; the roles are {string.Join(", ", KnownRoles)}");
        var jobs = config.GetStringList("cluster.node.jobs");
        if (jobs.Count == 0)
            throw SettingChecks.Invalid(config, "cluster.node.jobs", "must name at least one job id, or \"*\" for all");
        foreach (var job in jobs.Where(j => j != "*"))
            CheckJobId(config, job, "cluster.node.jobs");
        var threshold = config.GetDouble("cluster.failure-detector.threshold");
        if (!(threshold > 0) || double.IsInfinity(threshold))
            throw SettingChecks.Invalid(config, "cluster.failure-detector.threshold", $"must be a finite number > 0, got {threshold}");
        return new ClusterSettings(
            config.GetBoolean("cluster.enabled"),
            jobId,
            BrokerSettings.From(config),
            Duration(config, "cluster.heartbeat-interval"),
            new FailureDetectorOptions
            {
                Threshold = threshold,
                MaxSampleSize = SettingChecks.IntAtLeast(config, "cluster.failure-detector.max-sample-size", 1),
                MinStdDeviation = Duration(config, "cluster.failure-detector.min-std-deviation"),
                AcceptableHeartbeatPause = Duration(config, "cluster.failure-detector.acceptable-heartbeat-pause", allowZero: true),
                FirstHeartbeatEstimate = Duration(config, "cluster.heartbeat-interval"),
            },
            Duration(config, "cluster.fallback-after"),
            chunk,
            new WireLimits { MaxMessageBytes = max },
            new NodeSettings(config.IsNull("cluster.node.name") ? null : config.GetString("cluster.node.name"), roles, threads, jobs));
    }

    /// <summary>The trainer's options for job <paramref name="jobId"/> as trainer <paramref name="trainer"/> in epoch <paramref name="epoch"/>.</summary>
    public ClusterOptions ForTrainer(string jobId, string trainer, long epoch) => new(jobId, trainer, epoch)
    {
        HeartbeatInterval = HeartbeatInterval,
        FailureDetector = FailureDetector,
        FallbackAfter = FallbackAfter,
        ChunkBytes = ChunkBytes,
        Limits = Limits,
    };

    /// <summary>The host's options; its name defaults to the machine name and process id.</summary>
    public NodeOptions ForNode(long incarnation) =>
        new(Node.Name ?? $"{Environment.MachineName}-{Environment.ProcessId}", incarnation)
        {
            Threads = Node.Threads,
            Jobs = Node.Jobs,
            HeartbeatInterval = HeartbeatInterval,
            FailureDetector = FailureDetector,
            ChunkBytes = ChunkBytes,
            Limits = Limits,
        };

    private static void CheckJobId(Config config, string job, string path = "cluster.job-id")
    {
        try
        {
            ClusterTopology.CheckJobId(job);
        }
        catch (ArgumentException)
        {
            throw SettingChecks.Invalid(config, path, $"'{job}' must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
    }

    private static int Bytes(Config config, string path, long min, long max, string why = "")
    {
        var value = config.GetBytes(path);
        max = System.Math.Min(max, int.MaxValue);
        return value >= min && value <= max ? (int)value
            : throw SettingChecks.Invalid(config, path, $"must be between {min} and {max} bytes{why}, got {value}");
    }

    private static TimeSpan Duration(Config config, string path, bool allowZero = false)
    {
        var value = config.GetDuration(path);
        var limit = Actors.Kernel.ActorSystemSettings.MaxTimerDelay;
        return (value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero)) && value <= limit ? value
            : throw SettingChecks.Invalid(config, path, $"must be {(allowZero ? "at least 0" : "longer than 0")} and at most {limit.TotalDays:F1} days, got {value}");
    }
}

/// <summary>The <c>cluster.node</c> section.</summary>
/// <param name="Name">The host's name, or null for the machine name and process id.</param>
/// <param name="Roles">The roles the host takes.</param>
/// <param name="Threads">Roots computed at once.</param>
/// <param name="Jobs">Job ids served ("*": all).</param>
internal sealed record NodeSettings(string? Name, IReadOnlyList<string> Roles, int Threads, IReadOnlyList<string> Jobs)
{
    /// <summary>Equal when the name, the roles, the threads and the jobs (in order) are.</summary>
    public bool Equals(NodeSettings? other) =>
        other is not null && Name == other.Name && Roles.SequenceEqual(other.Roles) && Threads == other.Threads && Jobs.SequenceEqual(other.Jobs);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Threads, Jobs.Count, Roles.Count);
}

/// <summary>The <c>cluster.broker</c> section.</summary>
internal sealed record BrokerSettings(string Host, int Port, string VirtualHost, string? User, [property: JsonIgnore] string? Password, TimeSpan ConnectTimeout,
    TimeSpan Heartbeat, TimeSpan RecoveryInterval)
{
    /// <summary>The environment variable read when <c>cluster.broker.user</c> is null.</summary>
    public const string UserVariable = "SHAMPOO_BROKER_USER";

    /// <summary>The environment variable read when <c>cluster.broker.password</c> is null.</summary>
    public const string PasswordVariable = "SHAMPOO_BROKER_PASSWORD";

    /// <summary>Reads the section (credentials as written; see <see cref="Credentials"/>).</summary>
    public static BrokerSettings From(Config config)
    {
        var port = config.GetInt("cluster.broker.port");
        if (port is < 1 or > 65535)
            throw SettingChecks.Invalid(config, "cluster.broker.port", $"must be between 1 and 65535, got {port}");
        string? Optional(string path) => config.IsNull(path) ? null : config.GetString(path);
        TimeSpan Positive(string path)
        {
            var value = config.GetDuration(path);
            return value > TimeSpan.Zero && value <= TimeSpan.FromDays(1) ? value
                : throw SettingChecks.Invalid(config, path, $"must be longer than 0 and at most 1 day, got {value}");
        }
        return new BrokerSettings(config.GetString("cluster.broker.host"), port, config.GetString("cluster.broker.virtual-host"),
            Optional("cluster.broker.user"), Optional("cluster.broker.password"), Positive("cluster.broker.connect-timeout"),
            Positive("cluster.broker.heartbeat"), Positive("cluster.broker.recovery-interval"));
    }

    /// <summary>
    /// <paramref name="config"/> without the broker password, to be written to a run folder: a resumed run reads it from the
    /// environment or its --config again.
    /// </summary>
    public static Config Recordable(Config config) => config.IsNull("cluster.broker.password") ? config
        : Config.ParseSetting("cluster.broker.password", "null", "password not recorded").WithFallback(config).Resolve();

    /// <summary>The user and password: from the config, else from the environment; a <see cref="UsageException"/> when either is missing.</summary>
    public (string User, string Password) Credentials()
    {
        var user = User ?? Environment.GetEnvironmentVariable(UserVariable);
        var password = Password ?? Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(user))
            throw new UsageException($"cluster.broker.user is not set: set it in the config or in the environment variable {UserVariable}");
        if (password is null)
            throw new UsageException($"cluster.broker.password is not set: set it in the config or in the environment variable {PasswordVariable}");
        return (user, password);
    }
}
