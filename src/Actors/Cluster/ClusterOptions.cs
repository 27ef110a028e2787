using ShampooActors.Actors.Cluster.Membership;
using ShampooActors.Actors.Cluster.Wire;

namespace ShampooActors.Actors.Cluster;

/// <summary>How a trainer uses the cluster (the <c>cluster</c> section of the config).</summary>
/// <param name="JobId">The job's id: every broker name of the job carries it.</param>
/// <param name="Trainer">This trainer process's name, unique on the broker.</param>
/// <param name="Epoch">This trainer incarnation's fencing epoch: roots of snapshots from other epochs are never applied.</param>
public sealed record ClusterOptions(string JobId, string Trainer, long Epoch)
{
    /// <summary>How often the job is announced and hosts send heartbeats.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The failure detector that decides which hosts are alive.</summary>
    public FailureDetectorOptions FailureDetector { get; init; } = new();

    /// <summary>How long a sent snapshot may go unanswered (no root from any host) before the trainer computes roots itself.</summary>
    public TimeSpan FallbackAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages larger than this go in chunks.</summary>
    public int ChunkBytes { get; init; } = 32 << 20;

    /// <summary>The limits every received message is checked against.</summary>
    public WireLimits Limits { get; init; } = new();

    /// <summary>
    /// How long one broker operation (a publish with its confirm, a declaration) may take before the broker counts as down;
    /// by default <see cref="FallbackAfter"/>, at most 10 s (an operation that outlasts the fallback delay holds the fallback back).
    /// </summary>
    public TimeSpan OperationTimeout
    {
        get => _operationTimeout ?? (FallbackAfter < TimeSpan.FromSeconds(10) ? FallbackAfter : TimeSpan.FromSeconds(10));
        init => _operationTimeout = value;
    }

    private readonly TimeSpan? _operationTimeout;
}

/// <summary>How a preconditioner host serves jobs (the <c>cluster.node</c> section).</summary>
/// <param name="Name">The host's name, as jobs report it.</param>
/// <param name="Incarnation">Distinguishes restarts of a host with the same name.</param>
public sealed record NodeOptions(string Name, long Incarnation)
{
    /// <summary>Roots computed at once (one broker channel and one preconditioner each).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The job ids served; "*" serves every job.</summary>
    public IReadOnlyList<string> Jobs { get; init; } = ["*"];

    /// <summary>How often heartbeats go to each served job.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The failure detector over the jobs' announcements: a job whose trainer went silent is no longer served.</summary>
    public FailureDetectorOptions FailureDetector { get; init; } = new();

    /// <summary>Messages larger than this go in chunks.</summary>
    public int ChunkBytes { get; init; } = 32 << 20;

    /// <summary>The limits every received message is checked against.</summary>
    public WireLimits Limits { get; init; } = new();

    /// <summary>The dispatcher the preconditioners compute on.</summary>
    public string Dispatcher { get; init; } = "numeric";

    /// <summary>Whether this host serves <paramref name="job"/>.</summary>
    public bool Serves(string job) => Jobs.Contains("*") || Jobs.Contains(job);
}
