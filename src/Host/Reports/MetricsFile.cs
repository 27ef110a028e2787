using System.Text.Json;

namespace ShampooActors.Host.Reports;

/// <summary>One log interval of <c>metrics.jsonl</c>; a field the line does not have is null.</summary>
internal sealed record MetricsPoint(
    long Step,
    double? TrainLoss,
    double? WallSeconds,
    double? StepMs,
    double? OptimizerMs,
    double? Lr,
    double? MaxStaleness,
    double? TestLoss,
    double? TestAccuracy);

/// <summary>
/// The readable lines of a run's <c>metrics.jsonl</c>. A report must never lose a run, so a line that is not a JSON object
/// with a numeric <c>step</c> (a torn last line of a killed run, say) is skipped and its line number kept for the page.
/// </summary>
internal sealed record MetricsFile(bool Exists, IReadOnlyList<MetricsPoint> Points, IReadOnlyList<int> SkippedLines)
{
    public const string FileName = "metrics.jsonl";

    public static MetricsFile Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
            return new MetricsFile(false, [], []);
        var points = new List<MetricsPoint>();
        var skipped = new List<int>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (Parse(line) is { } point)
                points.Add(point);
            else
                skipped.Add(number);
        }
        return new MetricsFile(true, points, skipped);
    }

    private static MetricsPoint? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var o = document.RootElement;
            if (o.ValueKind != JsonValueKind.Object || JsonFields.Integer(o, "step") is not { } step)
                return null;
            return new MetricsPoint(
                step,
                JsonFields.Number(o, "train_loss"),
                JsonFields.Number(o, "wall_seconds"),
                JsonFields.Number(o, "step_ms"),
                JsonFields.Number(o, "optimizer_ms"),
                JsonFields.Number(o, "lr"),
                JsonFields.Number(o, "max_staleness"),
                JsonFields.Number(o, "test_loss"),
                JsonFields.Number(o, "test_accuracy"));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
