using System.Text.Json;

using static ShampooActors.Host.Tests.CliRun;

namespace ShampooActors.Host.Tests;

/// <summary>The orchestrator's settings on the command line: every bad value is one line naming its path, before anything is written.</summary>
public sealed class PreconditioningCliSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-preconditioning-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("shampoo", "training.accelerators=3", "must divide the batch size (128)")]
    [InlineData("shampoo", "training.accelerators=0", "training.accelerators")]
    [InlineData("shampoo", "preconditioning.mode=later", "async, sync")]
    [InlineData("shampoo", "preconditioning.staleness-policy=ignore", "continue, wait, graft-only")]
    [InlineData("shampoo", "preconditioning.priority=random", "changed-most, fifo")]
    [InlineData("shampoo", "preconditioning.max-staleness=-1", "preconditioning.max-staleness")]
    [InlineData("shampoo", "preconditioning.staleness-policy=wait --set preconditioning.max-staleness=5", "at least optimizer.shampoo.precondition-every (10)")]
    [InlineData("shampoo", "preconditioning.staleness-policy=graft-only --set preconditioning.max-staleness=0", "at least 1 with staleness-policy = graft-only")]
    [InlineData("shampoo", "preconditioning.wait-timeout=0s", "preconditioning.wait-timeout")]
    [InlineData("shampoo", "preconditioning.wait-timeout=60d", "at most 49.7 days")]
    [InlineData("shampoo", "preconditioning.failure-backoff.min=2s --set preconditioning.failure-backoff.max=1s", "preconditioning.failure-backoff.max")]
    [InlineData("shampoo", "actors.dispatchers.numeric.threads=0", "actors.dispatchers.numeric.threads")]
    [InlineData("adam", "actors.ask-timeout=60d", "actors.ask-timeout")]
    [InlineData("adam", "actors.coordinated-shutdown.phase-timeout=60d", "actors.coordinated-shutdown.phase-timeout")]
    public void A_bad_value_is_one_line_naming_its_path_and_nothing_is_written(string kind, string sets, string hint)
    {
        var dir = Path.Combine(_root, "bad");
        var args = sets.Split(" --set ").SelectMany(s => new[] { "--set", s });

        var (code, _, err) = Run(["train", "--optimizer", kind, "--steps", "5", "--out", dir, "--progress", "false", .. args]);

        Assert.Equal(2, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(hint, line);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void The_wait_bound_applies_to_shampoo_only()
    {
        var dir = Path.Combine(_root, "adam");

        var (code, _, err) = Run(["train", "--optimizer", "adam", "--steps", "5", "--eval-every", "0", "--out", dir, "--progress", "false",
            "--set", "preconditioning.staleness-policy=wait", "--set", "preconditioning.max-staleness=5"]);

        Assert.True(code == 0, err);
        Assert.Equal("completed", JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public void Two_accelerators_train_the_batch_in_halves_and_report_one_step_each()
    {
        var dir = Path.Combine(_root, "pair");

        var (code, _, err) = Run(["train", "--optimizer", "shampoo", "--steps", "20", "--log-every", "10", "--eval-every", "0", "--out", dir,
            "--progress", "false", "--set", "training.accelerators=2", "--set", "checkpoints.every=10"]);

        Assert.True(code == 0, err);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal(20, summary.GetProperty("steps").GetInt64());
        Assert.Equal(2, summary.GetProperty("settings").GetProperty("training").GetProperty("accelerators").GetInt32());
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "checkpoints")).Length);
    }
}
