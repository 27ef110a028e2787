using System.Text.Json;
using ShampooActors.Configuration;
using ShampooActors.Host.Tests.Settings;

using static ShampooActors.Host.Tests.CliRun;

namespace ShampooActors.Host.Tests;

public sealed class ConfigCliSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-config-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Job(string text, string name = "job.conf")
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string OneErrorLine(int code, string err)
    {
        Assert.Equal(2, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain(" at ShampooActors", err);
        return lines[0];
    }

    private static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    [Theory]
    [InlineData("training {\n  steps = 10\n  batch-size = [1, \n}", 4)]
    [InlineData("optimizer.kind = adam\noptimizer.adam.lr = -0.1", 2)]
    [InlineData("optimizer.kind = adam\n\n\noptimizer.adam.lrr = 0.1", 4)]
    [InlineData("training.steps = ${missing.path}", 1)]
    [InlineData("a = ${b}\nb = ${a}", 2)]
    [InlineData("include \"absent.conf\"", 1)]
    public void A_broken_job_file_is_one_line_naming_file_and_line_with_exit_code_2(string text, int line)
    {
        var job = Job(text);
        var dir = Path.Combine(_root, "run");

        var (code, _, err) = Run("train", "--config", job, "--out", dir);

        Assert.StartsWith($"error: {job}:", OneErrorLine(code, err));
        Assert.Contains($"{job}:{line}: ", err);
        Assert.False(Directory.Exists(dir), "a refused run must not leave a run folder");
    }

    [Theory]
    [InlineData("--config", "nowhere.conf", "no such file")]
    [InlineData("--set", "training.steps", "expected path=value")]
    [InlineData("--set", "training..steps=3", "training..steps")]
    public void A_bad_config_argument_is_one_line_with_exit_code_2(string option, string value, string hint)
    {
        var (code, _, err) = Run("train", option, option == "--config" ? Path.Combine(_root, value) : value, "--out", Path.Combine(_root, "run"));

        Assert.Contains(hint, OneErrorLine(code, err));
    }

    [Fact]
    public void The_config_command_prints_the_resolved_job_with_the_origin_of_every_value()
    {
        var job = Job("optimizer {\n  kind = shampoo\n  shampoo.lr = 0.002\n}");

        var (code, output, err) = Run("config", job, "--set", "training.steps=40");

        Assert.True(code == 0, err);
        Assert.Contains($"# {job}:2", output);
        Assert.Contains($"# {job}:3", output);
        Assert.Contains("# --set", output);
        Assert.Contains("# reference.conf:", output);
        var printed = Config.Parse(output).Resolve();
        Assert.Equal("shampoo", printed.GetString("optimizer.kind"));
        Assert.Equal(0.002, printed.GetDouble("optimizer.shampoo.lr"));
        Assert.Equal(40, printed.GetInt("training.steps"));
        Assert.Equal(128, printed.GetInt("optimizer.shampoo.blocking.block-size"));
    }

    [Fact]
    public void The_config_command_refuses_what_train_would_refuse()
    {
        var (code, _, err) = Run("config", Job("optimizer.adam.beta2 = 2"));

        Assert.Contains("optimizer.adam.beta2", OneErrorLine(code, err));
    }

    [Fact]
    public void A_run_folder_keeps_the_resolved_config_and_a_second_run_from_it_has_the_same_settings()
    {
        var first = Path.Combine(_root, "first");
        var second = Path.Combine(_root, "second");
        var job = Job("optimizer { kind = shampoo, shampoo { lr = 0.004, precondition-every = 3 } }\ntraining.steps = 6\nlogging.log-every = 3\nlogging.eval-every = 0");

        var (code, _, err) = Run("train", "--config", job, "--set", "optimizer.shampoo.grafting.kind=sgd", "--batch-size", "32", "--out", first, "--progress", "false");
        Assert.True(code == 0, err);
        (code, _, err) = Run("train", "--config", Path.Combine(first, "config.conf"), "--out", second, "--progress", "false");
        Assert.True(code == 0, err);

        var (a, b) = (Summary(first), Summary(second));
        Assert.Equal(a.GetProperty("settings").GetRawText(), b.GetProperty("settings").GetRawText());
        Assert.Equal(a.GetProperty("optimizer_options").GetRawText(), b.GetProperty("optimizer_options").GetRawText());
        Assert.Equal("sgd", a.GetProperty("optimizer_options").GetProperty("grafting").GetProperty("kind").GetString());
        Assert.Equal(32, a.GetProperty("settings").GetProperty("training").GetProperty("batch_size").GetInt32());
        Assert.Equal(a.GetProperty("final_train_loss").GetDouble(), b.GetProperty("final_train_loss").GetDouble());
    }

    [Fact]
    public void The_default_job_of_the_readme_trains_shampoo_from_its_config_file()
    {
        var dir = Path.Combine(_root, "default");

        var (code, _, err) = Run("train", "--config", Repository.Hocon("fmnist-mlp.conf"), "--steps", "20", "--log-every", "10",
            "--eval-every", "10", "--out", dir, "--progress", "false");

        Assert.True(code == 0, err);
        var summary = Summary(dir);
        Assert.Equal("shampoo", summary.GetProperty("optimizer").GetString());
        Assert.Equal(3e-3, summary.GetProperty("optimizer_options").GetProperty("lr").GetDouble());
        // The default job computes its roots asynchronously: the summary reports the preconditioner side and every block's
        // staleness (whether a root arrives within 20 steps depends on timing).
        Assert.Equal(JsonValueKind.Object, summary.GetProperty("preconditioning").ValueKind);
        Assert.True(summary.GetProperty("roots").GetProperty("staleness").GetArrayLength() > 0);
        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(lines, l => Assert.True(l.GetProperty("test_loss").GetDouble() > 0));
        Assert.True(File.Exists(Path.Combine(dir, "config.conf")));
        Assert.True(File.Exists(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void An_optimizer_flag_goes_into_the_section_of_the_kind_the_job_file_chose()
    {
        var dir = Path.Combine(_root, "flag");
        var job = Job("optimizer.kind = rmsprop\ntraining.steps = 2");

        var (code, _, err) = Run("train", "--config", job, "--lr", "0.0007", "--alpha", "0.9", "--out", dir, "--progress", "false");

        Assert.True(code == 0, err);
        var options = Summary(dir).GetProperty("optimizer_options");
        Assert.Equal(0.0007, options.GetProperty("lr").GetDouble());
        Assert.Equal(0.9, options.GetProperty("alpha").GetDouble());
    }
}
