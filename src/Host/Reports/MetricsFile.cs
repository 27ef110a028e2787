using System.Text.Json;

namespace ShampooActors.Host.Reports;

/// <summary>
/// One log interval of <c>metrics.jsonl</c>; a field the line does not have is null. Runs with preconditioner hosts also log
/// the hosts alive, the blocks with a snapshot in flight, the interval's median round trip and whether the trainer computed
/// roots itself.
/// </summary>
internal sealed record MetricsPoint(
    long Step,
    double? TrainLoss,
    double? WallSeconds,
    double? StepMs,
    double? OptimizerMs,
    double? Lr,
    double? MaxStaleness,
    double? TestLoss,
    double? TestAccuracy,
    long? HostsAlive = null,
    long? InFlight = null,
    double? RoundTripMs = null,
    bool? LocalRoots = null)
{
    /// <summary>Whether the line has any of the cluster fields.</summary>
    public bool HasCluster => HostsAlive is not null || InFlight is not null || RoundTripMs is not null || LocalRoots is not null;
}

/// <summary>
/// The readable lines of a run's <c>metrics.jsonl</c>. A report must never lose a run, so a line that is not a JSON object
/// with a numeric <c>step</c> (a torn last line of a killed run, say) is skipped and its line number kept for the page; so is
/// the number of a line with a cluster field it cannot read (that field is null, the rest of the line is kept).
/// </summary>
internal sealed record MetricsFile(bool Exists, IReadOnlyList<MetricsPoint> Points, IReadOnlyList<int> SkippedLines)
{
    public const string FileName = "metrics.jsonl";

    /// <summary>The fields a run with preconditioner hosts adds to each line.</summary>
    public static readonly IReadOnlyList<string> ClusterFields = ["hosts_alive", "in_flight", "round_trip_ms", "local_roots"];

    /// <summary>Numbers of the lines kept with a cluster field that could not be read.</summary>
    public IReadOnlyList<int> MalformedClusterLines { get; init; } = [];

    public static MetricsFile Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
            return new MetricsFile(false, [], []);
        var points = new List<MetricsPoint>();
        var skipped = new List<int>();
        var malformedCluster = new List<int>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var (point, clusterMalformed) = Parse(line);
            if (point is not null)
                points.Add(point);
            else
                skipped.Add(number);
            if (clusterMalformed)
                malformedCluster.Add(number);
        }
        return new MetricsFile(true, points, skipped) { MalformedClusterLines = malformedCluster };
    }

    private static (MetricsPoint? Point, bool ClusterMalformed) Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var o = document.RootElement;
            if (o.ValueKind != JsonValueKind.Object || JsonFields.Integer(o, "step") is not { } step)
                return (null, false);
            var clusterMalformed = JsonFields.Malformed(o, "hosts_alive", JsonFields.Integer) || JsonFields.Malformed(o, "in_flight", JsonFields.Integer)
                || JsonFields.Malformed(o, "round_trip_ms", JsonFields.Number) || JsonFields.Malformed(o, "local_roots", JsonFields.Flag);
            var point = new MetricsPoint(
                step,
                JsonFields.Number(o, "train_loss"),
                JsonFields.Number(o, "wall_seconds"),
                JsonFields.Number(o, "step_ms"),
                JsonFields.Number(o, "optimizer_ms"),
                JsonFields.Number(o, "lr"),
                JsonFields.Number(o, "max_staleness"),
                JsonFields.Number(o, "test_loss"),
                JsonFields.Number(o, "test_accuracy"),
                JsonFields.Integer(o, "hosts_alive"),
                JsonFields.Integer(o, "in_flight"),
                JsonFields.Number(o, "round_trip_ms"),
                JsonFields.Flag(o, "local_roots"));
            return (point, clusterMalformed);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }
}
