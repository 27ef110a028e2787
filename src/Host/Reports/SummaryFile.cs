using System.Text.Json;

namespace ShampooActors.Host.Reports;

/// <summary>
/// The fields of <c>summary.json</c> a report shows; any of them may be absent. <see cref="Roots"/> holds the numbers of a
/// Shampoo run's <c>roots</c> object, <see cref="Cluster"/> the figures of a run whose roots came from preconditioner hosts.
/// </summary>
internal sealed record SummaryFile(
    string? Workload,
    string? Optimizer,
    long? Steps,
    double? FinalTrainLoss,
    double? TestLoss,
    double? TestAccuracy,
    double? TargetLoss,
    long? StepsToTarget,
    double? WallSecondsToTarget,
    double? WallSeconds,
    double? MedianStepMs,
    double? P10StepMs,
    double? MedianOptimizerMs,
    string? Outcome,
    string? StopReason,
    IReadOnlyList<KeyValuePair<string, double>> Roots)
{
    public const string FileName = "summary.json";

    /// <summary>The <c>cluster</c> object, or null for a run without preconditioner hosts (or one whose object is unreadable).</summary>
    public ClusterSummary? Cluster { get; init; }

    /// <summary>What a readable summary could not tell: fields that were left out, for the page's notes.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The summary of the run, or null with the reason when it is missing or unreadable.</summary>
    public static (SummaryFile? Summary, string? Problem) Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
            return (null, $"{FileName} is missing: the run did not finish (or is still running); the numbers below come from {MetricsFile.FileName}.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var o = document.RootElement;
            if (o.ValueKind != JsonValueKind.Object)
                return (null, $"{FileName} is not a JSON object; the numbers below come from {MetricsFile.FileName}.");
            return (FromJson(o), null);
        }
        catch (JsonException e)
        {
            return (null, $"{FileName} could not be read ({e.Message}); the numbers below come from {MetricsFile.FileName}.");
        }
    }

    /// <summary>What the metrics lines alone tell of a run without a summary: its last logged values.</summary>
    public static SummaryFile FromMetrics(IReadOnlyList<MetricsPoint> points)
    {
        var last = points.Count > 0 ? points[^1] : null;
        var lastTest = points.LastOrDefault(p => p.TestLoss is not null || p.TestAccuracy is not null);
        return new SummaryFile(
            null, null, last?.Step, last?.TrainLoss, lastTest?.TestLoss, lastTest?.TestAccuracy, null, null, null,
            last?.WallSeconds, null, null, null, null, null, []);
    }

    private static SummaryFile FromJson(JsonElement o)
    {
        var roots = o.TryGetProperty("roots", out var r) && r.ValueKind == JsonValueKind.Object
            ? r.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Number)
                .Select(p => KeyValuePair.Create(p.Name, p.Value.GetDouble()))
                .ToList()
            : [];
        var (cluster, malformed, clusterProblem) = ClusterSummary.Read(o);
        var problems = new List<string>();
        if (clusterProblem is not null)
            problems.Add(clusterProblem);
        if (malformed.Count > 0)
            problems.Add($"{malformed.Count} missing or malformed field(s) of the {ClusterSummary.FieldName} object of {FileName} left out: {RunData.FirstFew(malformed)}.");
        return new SummaryFile(
            JsonFields.Text(o, "workload"),
            JsonFields.Text(o, "optimizer"),
            JsonFields.Integer(o, "steps"),
            JsonFields.Number(o, "final_train_loss"),
            JsonFields.Number(o, "test_loss"),
            JsonFields.Number(o, "test_accuracy"),
            JsonFields.Number(o, "target_loss"),
            JsonFields.Integer(o, "steps_to_target"),
            JsonFields.Number(o, "wall_seconds_to_target"),
            JsonFields.Number(o, "wall_seconds"),
            JsonFields.Number(o, "median_step_ms"),
            JsonFields.Number(o, "p10_step_ms"),
            JsonFields.Number(o, "median_optimizer_ms"),
            JsonFields.Text(o, "outcome"),
            JsonFields.Text(o, "stop_reason"),
            roots) { Cluster = cluster, Problems = problems };
    }
}
