using System.Text.Json;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host.Tests;

public sealed class TrainingRunSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TrainingRun Run(string dir, TextWriter output, params string[] sets)
    {
        var config = JobConfig.Load(null, sets.Select(ConfigOverride.Parse).ToArray());
        return new TrainingRun(JobSettings.From(config), config, dir, new ProgressDisplay(false, TextWriter.Null), output);
    }

    private JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    [Fact]
    public void A_cancelled_run_saves_its_summary_and_exits_with_130()
    {
        var dir = Path.Combine(_root, "cancelled");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var run = Run(dir, TextWriter.Null, "training.steps=100");

        var code = run.Execute(cancel.Token);

        Assert.Equal(TrainingRun.InterruptedExitCode, code);
        var summary = Summary(dir);
        Assert.Equal("interrupted", summary.GetProperty("outcome").GetString());
        Assert.Equal(0, summary.GetProperty("steps").GetInt32());
        Assert.False(summary.TryGetProperty("test_loss", out _), "an interrupted run is not evaluated");
    }

    [Fact]
    public void A_diverging_run_keeps_the_metrics_it_measured_and_exits_with_3()
    {
        var dir = Path.Combine(_root, "diverged");
        var output = new StringWriter();

        var code = Run(dir, output, "optimizer.kind=sgd", "optimizer.sgd.lr=1e8", "training.steps=200", "logging.log-every=1000", "logging.eval-every=0")
            .Execute(CancellationToken.None);

        Assert.Equal(TrainingRun.DivergedExitCode, code);
        var summary = Summary(dir);
        Assert.Equal("diverged", summary.GetProperty("outcome").GetString());
        var steps = summary.GetProperty("steps").GetInt32();
        Assert.InRange(steps, 1, 199);
        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"));
        Assert.Equal(steps, JsonDocument.Parse(lines[^1]).RootElement.GetProperty("step").GetInt32());
        Assert.Contains("lower learning rate", output.ToString());
    }
}
