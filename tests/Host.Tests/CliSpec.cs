using System.Text.Json;

using static ShampooActors.Host.Tests.CliRun;

namespace ShampooActors.Host.Tests;

public sealed class CliSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("--lr", "-1")]
    [InlineData("--lr", "abc")]
    [InlineData("--workload", "cifar")]
    [InlineData("--optimizer", "lion")]
    [InlineData("--momentum", "0.9")]
    [InlineData("--steps", "0")]
    [InlineData("--batch-size", "-4")]
    [InlineData("--beta2", "1.0")]
    [InlineData("--bogus", "1")]
    [InlineData("--schedule", "warmup")]
    [InlineData("--seed", "-1")]
    public void A_bad_option_is_one_line_on_stderr_and_exit_code_2(string flag, string value)
    {
        var (code, _, err) = Run("train", flag, value, "--out", Path.Combine(_root, "run"));

        Assert.Equal(2, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain(" at ShampooActors", err);
        Assert.False(Directory.Exists(Path.Combine(_root, "run")), "a refused run must not leave a run folder");
    }

    [Fact]
    public void An_option_of_another_optimizer_is_refused_by_name()
    {
        var (code, _, err) = Run("train", "--optimizer", "adam", "--nesterov");

        Assert.Equal(2, code);
        Assert.Contains("--nesterov does not apply to --optimizer adam", err);
    }

    [Fact]
    public void A_missing_data_folder_names_the_package_to_install()
    {
        var (code, _, err) = Run("train", "--data-dir", Path.Combine(_root, "nowhere"), "--out", Path.Combine(_root, "run"));

        Assert.Equal(2, code);
        Assert.Contains("dataset-fashion-mnist", err);
    }

    [Fact]
    public void A_short_run_writes_metrics_per_interval_and_a_summary()
    {
        var dir = Path.Combine(_root, "run");
        var (code, output, err) = Run("train", "--steps", "25", "--log-every", "10", "--out", dir, "--progress", "false");

        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([10, 20, 25], lines.Select(l => l.GetProperty("step").GetInt32()));
        foreach (var line in lines)
        {
            Assert.InRange(line.GetProperty("train_loss").GetDouble(), 0.1, 3.0);
            Assert.True(line.GetProperty("step_ms").GetDouble() > 0);
            Assert.True(line.GetProperty("optimizer_ms").GetDouble() > 0);
            Assert.True(line.GetProperty("wall_seconds").GetDouble() > 0);
        }

        Assert.Equal([false, false, true], lines.Select(l => l.TryGetProperty("test_loss", out _)));
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal(lines[^1].GetProperty("test_loss").GetDouble(), summary.GetProperty("test_loss").GetDouble());
        Assert.Equal(25, summary.GetProperty("steps").GetInt32());
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.Equal(lines[^1].GetProperty("train_loss").GetDouble(), summary.GetProperty("final_train_loss").GetDouble());
        Assert.InRange(summary.GetProperty("test_accuracy").GetDouble(), 0.3, 1.0);
        Assert.True(summary.GetProperty("test_loss").GetDouble() > 0);
        Assert.True(summary.GetProperty("median_step_ms").GetDouble() > 0);
        Assert.True(summary.GetProperty("median_optimizer_ms").GetDouble() > 0);
        Assert.Equal(0.001, summary.GetProperty("optimizer_options").GetProperty("lr").GetDouble());
        Assert.Equal(128, summary.GetProperty("settings").GetProperty("training").GetProperty("batch_size").GetInt32());
        Assert.Contains("test accuracy", output);
    }

    [Fact]
    public void A_folder_that_already_holds_a_run_is_not_overwritten()
    {
        var dir = Path.Combine(_root, "run");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "summary.json"), "{\"kept\": true}");

        var (code, _, err) = Run("train", "--steps", "5", "--out", dir);

        Assert.Equal(2, code);
        Assert.Contains("already holds a run", err);
        Assert.Equal("{\"kept\": true}", File.ReadAllText(Path.Combine(dir, "summary.json")));
    }

    [Fact]
    public void Help_exits_zero_and_lists_the_options()
    {
        var (code, output, _) = Run("train", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--workload", output);
        Assert.Contains("--weight-decay", output);
    }
}
