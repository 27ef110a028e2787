using System.Text.Json;

namespace ShampooActors.Host.Tests;

public sealed class TrainingRunSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    [Fact]
    public void A_cancelled_run_saves_its_summary_and_exits_with_130()
    {
        var dir = Path.Combine(_root, "cancelled");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var run = new TrainingRun(new TrainOptions { Steps = 100, Out = dir }, new ProgressDisplay(false, TextWriter.Null), TextWriter.Null);

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
        var options = new TrainOptions { Optimizer = "sgd", Lr = 1e8, Steps = 200, LogEvery = 1000, Out = dir };
        var output = new StringWriter();

        var code = new TrainingRun(options, new ProgressDisplay(false, TextWriter.Null), output).Execute(CancellationToken.None);

        Assert.Equal(TrainingRun.DivergedExitCode, code);
        var summary = Summary(dir);
        Assert.Equal("diverged", summary.GetProperty("outcome").GetString());
        var steps = summary.GetProperty("steps").GetInt32();
        Assert.InRange(steps, 1, 199);
        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"));
        Assert.Equal(steps, JsonDocument.Parse(lines[^1]).RootElement.GetProperty("step").GetInt32());
        Assert.Contains("lower --lr", output.ToString());
    }
}
