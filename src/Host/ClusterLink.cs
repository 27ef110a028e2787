using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Trainer;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>
/// A training run's link to the cluster: the broker connection (opened before training, so a wrong address or wrong
/// credentials end the command at once with one line), the job's identity on the broker and the cluster's figures.
/// </summary>
internal sealed class ClusterLink : IDisposable
{
    private readonly IBrokerConnection _connection;
    private readonly ClusterOptions _options;

    private ClusterLink(IBrokerConnection connection, ClusterOptions options)
    {
        _connection = connection;
        _options = options;
    }

    /// <summary>The cluster's figures for the run's metrics and summary.</summary>
    public ClusterMetrics Metrics { get; } = new();

    /// <summary>Connects for the run in <paramref name="runPath"/>; the job id is cluster.job-id or the run folder's name.</summary>
    public static ClusterLink Open(ClusterSettings settings, string runPath)
    {
        var jobId = settings.JobId ?? JobIdOf(runPath);
        var trainer = $"{Environment.MachineName}-{Environment.ProcessId}";
        var connection = BrokerConnection.Open(settings.Broker, $"shampoo-actors train {jobId}", settings.Limits.MaxMessageBytes);
        // Epochs are the start time in milliseconds: a resumed or restarted trainer's epoch is larger, so roots computed for an
        // earlier incarnation's snapshots are fenced off.
        return new ClusterLink(connection, settings.ForTrainer(jobId, trainer, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    }

    /// <summary>The job's preconditioner side: the cluster, falling back to <see cref="PreconditionerSide.LocalPool"/>.</summary>
    public Props Preconditioners(PreconditionerSide side) =>
        ClusterPreconditioners.Props(_options, _connection, side.PublishTo, Metrics, side.LocalPool);

    /// <inheritdoc />
    public void Dispose() => _connection.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));

    /// <summary>The run folder's name with every character a job id may not hold replaced by '-'.</summary>
    private static string JobIdOf(string runPath)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runPath)));
        var id = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());
        return id.Length is > 0 and <= 100 ? id : id.Length == 0 ? "job" : id[^100..];
    }
}
