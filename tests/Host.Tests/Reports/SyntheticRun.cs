using System.Text.Json;

namespace ShampooActors.Host.Tests.Reports;

/// <summary>Writes the files of a made-up run folder, line by line as a run (or a broken run) would leave them.</summary>
internal sealed class SyntheticRun(string directory)
{
    public string Directory { get; } = System.IO.Directory.CreateDirectory(directory).FullName;

    private readonly List<string> _metrics = [];

    /// <summary>A metrics line with the given fields (snake_case names, as the run writes them).</summary>
    public SyntheticRun Line(params (string Name, object Value)[] fields)
    {
        _metrics.Add(JsonSerializer.Serialize(fields.ToDictionary(f => f.Name, f => f.Value)));
        return this;
    }

    /// <summary>A metrics line with every regular field; <paramref name="extra"/> adds optional ones.</summary>
    public SyntheticRun Interval(long step, double loss, params (string Name, object Value)[] extra) =>
        Line([("step", step), ("train_loss", loss), ("wall_seconds", step * 0.01), ("step_ms", 10.0), ("optimizer_ms", 4.0),
              ("examples_per_second", 12800.0), ("lr", 1e-3), .. extra]);

    public SyntheticRun Raw(string line)
    {
        _metrics.Add(line);
        return this;
    }

    /// <summary>A summary with fixed figures; <paramref name="cluster"/>, when given, is written as its <c>cluster</c> field whatever its shape.</summary>
    public SyntheticRun Summary(string workload, string optimizer, double targetLoss, long? stepsToTarget = null, object? cluster = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["workload"] = workload, ["optimizer"] = optimizer, ["steps"] = 200, ["final_train_loss"] = 0.42,
            ["test_loss"] = 0.47, ["test_accuracy"] = 0.8331, ["target_loss"] = targetLoss, ["steps_to_target"] = stepsToTarget,
            ["wall_seconds"] = 2.5, ["median_step_ms"] = 10.0, ["p10_step_ms"] = 9.0, ["median_optimizer_ms"] = 4.0,
            ["outcome"] = "completed", ["options"] = new { seed = 0 },
        };
        if (cluster is not null)
            fields["cluster"] = cluster;
        return File("summary.json", JsonSerializer.Serialize(fields));
    }

    public SyntheticRun File(string name, string text)
    {
        System.IO.File.WriteAllText(Path.Combine(Directory, name), text);
        return this;
    }

    /// <summary>Writes the metrics lines gathered so far.</summary>
    public SyntheticRun WriteMetrics() => File("metrics.jsonl", string.Concat(_metrics.Select(l => l + "\n")));
}
