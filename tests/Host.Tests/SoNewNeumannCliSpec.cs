using System.Text.Json;

using static ShampooActors.Host.Tests.CliRun;

namespace ShampooActors.Host.Tests;

public sealed class SoNewNeumannCliSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-sonew-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    private (int Code, string Err, string Dir) Train(string name, params string[] args)
    {
        var dir = Path.Combine(_root, name);
        var (code, _, err) = Run(["train", "--steps", "20", "--log-every", "10", "--eval-every", "0", "--out", dir, "--progress", "false", .. args]);
        return (code, err, dir);
    }

    [Fact]
    public void A_banded_sonew_run_records_its_structure_and_band()
    {
        var (code, err, dir) = Train("sonew", "--optimizer", "sonew", "--lr", "0.003", "--beta2", "0.95",
            "--set", "optimizer.sonew.structure=banded", "--set", "optimizer.sonew.band=4");

        Assert.True(code == 0, err);
        var summary = Summary(dir);
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        var options = summary.GetProperty("optimizer_options");
        Assert.Equal("banded", options.GetProperty("structure").GetString());
        Assert.Equal(4, options.GetProperty("band").GetInt32());
        Assert.Equal(0.003, options.GetProperty("lr").GetDouble());
        Assert.Equal(0.95, options.GetProperty("beta2").GetDouble());
        Assert.Equal("adam", options.GetProperty("grafting").GetProperty("kind").GetString());
    }

    [Fact]
    public void A_neumann_run_takes_its_learning_rate_and_schedule_from_the_config()
    {
        var (code, err, dir) = Train("neumann", "--optimizer", "neumann", "--lr", "0.03", "--set", "optimizer.neumann.epoch-steps=2");

        Assert.True(code == 0, err);
        var options = Summary(dir).GetProperty("optimizer_options");
        Assert.Equal(0.03, options.GetProperty("lr").GetDouble());
        Assert.Equal(2, options.GetProperty("epoch_steps").GetInt32());
        Assert.True(Summary(dir).GetProperty("test_loss").GetDouble() > 0);
    }

    [Theory]
    [InlineData("sonew", "optimizer.sonew.band=0", "optimizer.sonew.band")]
    [InlineData("sonew", "optimizer.sonew.structure=pentadiagonal", "tridiagonal, banded")]
    [InlineData("neumann", "optimizer.neumann.gamma=1.5", "optimizer.neumann.gamma")]
    [InlineData("neumann", "optimizer.neumann.epoch-steps=0", "optimizer.neumann.epoch-steps")]
    public void A_bad_value_is_one_line_naming_its_path(string kind, string set, string hint)
    {
        var (code, err, dir) = Train("bad", "--optimizer", kind, "--set", set);

        Assert.Equal(2, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: --set: ", lines[0]);
        Assert.Contains(hint, lines[0]);
        Assert.False(Directory.Exists(dir));
    }

    [Theory]
    [InlineData("sonew", "--momentum")]
    [InlineData("neumann", "--beta1")]
    public void A_flag_the_kind_has_no_setting_for_is_refused_by_name(string kind, string flag)
    {
        var (code, err, _) = Train("refused", "--optimizer", kind, flag, "0.5");

        Assert.Equal(2, code);
        Assert.Contains($"{flag} does not apply to --optimizer {kind}", err);
    }
}
