using System.Text.Json;
using ShampooActors.Math;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;

using static ShampooActors.Host.Tests.CliRun;

namespace ShampooActors.Host.Tests;

public sealed class ShampooCliSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    private static string OneErrorLine(string err)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain(" at ShampooActors", err);
        return lines[0];
    }

    [Fact]
    public void An_asynchronous_run_under_the_wait_policy_adopts_roots_within_its_staleness_bound_and_reports_the_preconditioner_side()
    {
        var dir = Path.Combine(_root, "async");
        var (code, output, err) = Run("train", "--optimizer", "shampoo", "--steps", "40", "--precondition-every", "5",
            "--start-preconditioning-step", "5", "--log-every", "10", "--eval-every", "0", "--out", dir, "--progress", "false",
            "--set", "preconditioning.mode=async", "--set", "preconditioning.staleness-policy=wait", "--set", "preconditioning.max-staleness=8",
            "--set", "preconditioning.wait-timeout=60s");

        Assert.True(code == 0, err);
        var summary = Summary(dir);
        var blocks = summary.GetProperty("roots").GetProperty("staleness").GetArrayLength();
        var side = summary.GetProperty("preconditioning");
        Assert.True(side.GetProperty("published").GetInt64() >= blocks, "every block had roots published");
        Assert.Equal(blocks, side.GetProperty("versions").EnumerateObject().Count());
        Assert.Equal(0, side.GetProperty("rejected").GetInt64() + side.GetProperty("failed").GetInt64());
        // The wait policy holds a step whose roots would be more than 8 steps old, so no block ever used older ones.
        Assert.All(summary.GetProperty("roots").GetProperty("staleness").EnumerateArray(), b => Assert.InRange(b.GetProperty("max").GetInt64(), 0, 8));
        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, l =>
        {
            Assert.Equal(blocks, l.GetProperty("block_staleness").GetArrayLength());
            Assert.Equal(blocks, l.GetProperty("root_versions").GetArrayLength());
            Assert.True(l.GetProperty("queue_depth").GetInt32() >= 0);
            Assert.Equal(l.GetProperty("max_staleness").GetInt64(), l.GetProperty("block_staleness").EnumerateArray().Max(e => e.GetInt64()));
        });
        Assert.All(lines[^1].GetProperty("root_versions").EnumerateArray(), v => Assert.InRange(v.GetInt64(), 32, 40));
        Assert.Contains("staleness ≤", output);
    }

    [Fact]
    public void A_short_shampoo_run_reports_its_roots_and_every_blocks_staleness()
    {
        var dir = Path.Combine(_root, "run");
        var (code, _, err) = Run("train", "--optimizer", "shampoo", "--steps", "30", "--precondition-every", "5",
            "--start-preconditioning-step", "5", "--log-every", "10", "--out", dir, "--progress", "false", "--set", "preconditioning.mode=sync");

        Assert.True(code == 0, err);
        var summary = Summary(dir);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.InRange(summary.GetProperty("test_accuracy").GetDouble(), 0.3, 1.0);
        Assert.False(summary.TryGetProperty("preconditioning", out _), "synchronous roots have no preconditioner side");

        var roots = summary.GetProperty("roots");
        Assert.True(roots.GetProperty("count").GetInt64() > 0);
        Assert.Equal(0, roots.GetProperty("failures").GetInt64());
        Assert.True(roots.GetProperty("adopted").GetInt64() > 0);
        Assert.Equal(0, roots.GetProperty("skipped_statistics_updates").GetInt64());
        Assert.True(roots.GetProperty("max_residual").GetDouble() < 0.1);
        var sizes = roots.GetProperty("median_ms_by_size").EnumerateObject().ToList();
        Assert.NotEmpty(sizes);
        Assert.All(sizes, s => Assert.True(int.Parse(s.Name) > 0 && s.Value.GetDouble() >= 0));

        var expected = new Shampoo(Workload.Find("fmnist-mlp")!.CreateModel(new SplitMix64(0)).Parameters(),
            new ShampooOptions { PreconditionEvery = 5, StartPreconditioningStep = 5 }).Blocks;
        var staleness = roots.GetProperty("staleness").EnumerateArray().ToList();
        Assert.Equal(expected.Select(b => b.Id), staleness.Select(s => s.GetProperty("block").GetInt32()));
        for (var i = 0; i < expected.Count; i++)
        {
            var entry = staleness[i];
            Assert.Equal(expected[i].ParameterIndex, entry.GetProperty("parameter").GetInt32());
            Assert.Equal(expected[i].FactorSizes, entry.GetProperty("factor_sizes").EnumerateArray().Select(e => e.GetInt32()));
            var final = entry.GetProperty("final").GetInt64();
            var max = entry.GetProperty("max").GetInt64();
            Assert.InRange(final, 0, 4);
            // Synchronous roots at steps 5, 10, …: the oldest a block's roots get is 4 steps (steps 4, 9, …).
            Assert.Equal(4, max);
        }

        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(4, l.GetProperty("max_staleness").GetInt64()));

        var options = summary.GetProperty("optimizer_options");
        Assert.Equal(5, options.GetProperty("precondition_every").GetInt32());
        Assert.Equal(128, options.GetProperty("blocking").GetProperty("block_size").GetInt32());
        Assert.Equal("adagrad", options.GetProperty("grafting").GetProperty("kind").GetString());
        Assert.Equal("parameter", options.GetProperty("grafting").GetProperty("norm").GetString());
        Assert.Equal("eigh", options.GetProperty("roots").GetProperty("method").GetString());
        Assert.Equal("relative", options.GetProperty("roots").GetProperty("ridge_kind").GetString());
        Assert.True(options.GetProperty("momentum").GetProperty("nesterov").GetBoolean());
        Assert.True(options.GetProperty("weight_decay").GetProperty("decoupled").GetBoolean());
    }

    [Fact]
    public void Every_shampoo_flag_reaches_the_options_recorded_in_the_summary()
    {
        var dir = Path.Combine(_root, "flags");
        var (code, _, err) = Run("train", "--optimizer", "shampoo", "--steps", "2", "--out", dir, "--progress", "false",
            "--lr", "0.002", "--momentum", "0.5", "--nesterov", "false", "--beta2", "0.99", "--weight-decay", "0.0001",
            "--coupled-weight-decay", "--block-size", "64", "--merge-dims-threshold", "32", "--max-preconditioner-dim", "512",
            "--statistics-every", "2", "--precondition-every", "7", "--start-preconditioning-step", "3", "--exponent-override", "2",
            "--bias-correction", "--graft", "normalized-rmsprop", "--graft-norm", "block", "--graft-eps", "1e-8",
            "--graft-beta1", "0.8", "--graft-beta2", "0.95", "--root-method", "coupled-newton", "--root-ridge", "1e-5",
            "--ridge-kind", "absolute", "--root-retries", "3");

        Assert.True(code == 0, err);
        var o = Summary(dir).GetProperty("optimizer_options");
        Assert.Equal(0.002, o.GetProperty("lr").GetDouble());
        Assert.Equal(0.99, o.GetProperty("beta2").GetDouble());
        Assert.Equal(2, o.GetProperty("statistics_every").GetInt32());
        Assert.Equal(7, o.GetProperty("precondition_every").GetInt32());
        Assert.Equal(3, o.GetProperty("start_preconditioning_step").GetInt32());
        Assert.Equal(2, o.GetProperty("exponent_override").GetInt32());
        Assert.True(o.GetProperty("bias_correction").GetBoolean());
        var blocking = o.GetProperty("blocking");
        Assert.Equal(64, blocking.GetProperty("block_size").GetInt32());
        Assert.Equal(32, blocking.GetProperty("merge_dims_threshold").GetInt32());
        Assert.Equal(512, blocking.GetProperty("max_preconditioner_dim").GetInt32());
        var grafting = o.GetProperty("grafting");
        Assert.Equal("normalized-rmsprop", grafting.GetProperty("kind").GetString());
        Assert.Equal("block", grafting.GetProperty("norm").GetString());
        Assert.Equal(1e-8, grafting.GetProperty("epsilon").GetDouble());
        Assert.Equal(0.8, grafting.GetProperty("beta1").GetDouble());
        Assert.Equal(0.95, grafting.GetProperty("beta2").GetDouble());
        var roots = o.GetProperty("roots");
        Assert.Equal("coupled-newton", roots.GetProperty("method").GetString());
        Assert.Equal(1e-5, roots.GetProperty("ridge").GetDouble());
        Assert.Equal("absolute", roots.GetProperty("ridge_kind").GetString());
        Assert.Equal(3, roots.GetProperty("retries").GetInt32());
        Assert.Equal(0.5, o.GetProperty("momentum").GetProperty("beta1").GetDouble());
        Assert.False(o.GetProperty("momentum").GetProperty("nesterov").GetBoolean());
        Assert.Equal(0.0001, o.GetProperty("weight_decay").GetProperty("value").GetDouble());
        Assert.False(o.GetProperty("weight_decay").GetProperty("decoupled").GetBoolean());
    }

    [Fact]
    public void Other_optimizers_record_no_roots()
    {
        var dir = Path.Combine(_root, "adam");
        var (code, _, err) = Run("train", "--steps", "2", "--out", dir, "--progress", "false");

        Assert.True(code == 0, err);
        Assert.False(Summary(dir).TryGetProperty("roots", out _));
        var line = JsonDocument.Parse(File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"))[0]).RootElement;
        Assert.False(line.TryGetProperty("max_staleness", out _));
    }

    [Theory]
    [InlineData("--graft", "bogus", "none, sgd, adagrad, rmsprop, adam, normalized-adagrad, normalized-rmsprop")]
    [InlineData("--graft-norm", "diagonal", "parameter, block")]
    [InlineData("--root-method", "x", "eigh, coupled-newton")]
    [InlineData("--ridge-kind", "scaled", "relative, absolute")]
    [InlineData("--block-size", "0", "at least 1")]
    [InlineData("--merge-dims-threshold", "0", "at least 1")]
    [InlineData("--max-preconditioner-dim", "-3", "at least 1")]
    [InlineData("--statistics-every", "0", "at least 1")]
    [InlineData("--precondition-every", "0", "at least 1")]
    [InlineData("--start-preconditioning-step", "-1", "at least 0")]
    [InlineData("--exponent-override", "-2", "positive")]
    [InlineData("--root-retries", "6", "between 0 and 5")]
    [InlineData("--root-ridge", "0", "> 0")]
    [InlineData("--graft-eps", "-1", "graft")]
    [InlineData("--graft-beta2", "1.5", "graft")]
    [InlineData("--momentum", "1.5", "beta1")]
    [InlineData("--beta2", "0", "beta2")]
    [InlineData("--weight-decay", "-1", "weight-decay")]
    [InlineData("--block-size", "x", "not a number")]
    [InlineData("--root-ridge", "abc", "not a number")]
    public void A_bad_shampoo_value_is_one_line_naming_the_flag_and_exit_code_2(string flag, string value, string hint)
    {
        var dir = Path.Combine(_root, "run");
        var (code, _, err) = Run("train", "--optimizer", "shampoo", flag, value, "--out", dir);

        Assert.Equal(2, code);
        var line = OneErrorLine(err);
        Assert.True(line.Contains(flag + " ") || line.Contains(flag + ":"), line);
        Assert.Contains(hint, line);
        Assert.False(Directory.Exists(dir), "a refused run must not leave a run folder");
    }

    [Theory]
    [InlineData("--block-size", "64")]
    [InlineData("--merge-dims-threshold", "64")]
    [InlineData("--max-preconditioner-dim", "64")]
    [InlineData("--statistics-every", "2")]
    [InlineData("--precondition-every", "5")]
    [InlineData("--start-preconditioning-step", "5")]
    [InlineData("--exponent-override", "2")]
    [InlineData("--bias-correction", "true")]
    [InlineData("--graft", "sgd")]
    [InlineData("--graft-norm", "block")]
    [InlineData("--graft-eps", "1e-8")]
    [InlineData("--graft-beta1", "0.9")]
    [InlineData("--graft-beta2", "0.99")]
    [InlineData("--root-method", "eigh")]
    [InlineData("--root-ridge", "1e-6")]
    [InlineData("--ridge-kind", "absolute")]
    [InlineData("--root-retries", "1")]
    [InlineData("--coupled-weight-decay", "true")]
    public void A_shampoo_flag_with_another_optimizer_is_refused_by_name(string flag, string value)
    {
        var (code, _, err) = Run("train", "--optimizer", "adam", flag, value, "--out", Path.Combine(_root, "run"));

        Assert.Equal(2, code);
        Assert.Equal($"error: {flag} does not apply to --optimizer adam (it applies to shampoo)", OneErrorLine(err));
    }

    [Theory]
    [InlineData("--beta1", "0.9")]
    [InlineData("--eps", "1e-8")]
    [InlineData("--amsgrad", "true")]
    [InlineData("--dampening", "0.1")]
    public void A_flag_of_another_optimizer_is_refused_for_shampoo(string flag, string value)
    {
        var (code, _, err) = Run("train", "--optimizer", "shampoo", flag, value, "--out", Path.Combine(_root, "run"));

        Assert.Equal(2, code);
        Assert.Contains($"{flag} does not apply to --optimizer shampoo", OneErrorLine(err));
    }

    [Fact]
    public void Enum_names_are_kebab_case_with_rmsprop_one_word()
    {
        Assert.Equal(["none", "sgd", "adagrad", "rmsprop", "adam", "normalized-adagrad", "normalized-rmsprop"], EnumNames.Names(typeof(GraftingKind)));
        Assert.Equal(["eigh", "coupled-newton"], EnumNames.Names(typeof(RootMethod)));
        Assert.Equal(RootMethod.CoupledNewton, EnumNames.Parse(typeof(RootMethod), "coupled-newton"));
        Assert.Null(EnumNames.Parse(typeof(RidgeKind), "x"));
    }
}
