using System.Xml.Linq;
using ShampooActors.Host.Reports;

using static ShampooActors.Host.Tests.CliRun;
using static ShampooActors.Host.Tests.Reports.Xhtml;

namespace ShampooActors.Host.Tests.Reports;

public sealed class CompareSpec : IDisposable
{
    private static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-compare-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Run(string name, string optimizer, int intervals, bool withTest = false)
    {
        var run = new SyntheticRun(Path.Combine(_root, name));
        for (var i = 1; i <= intervals; i++)
            run = withTest ? run.Interval(50 * i, 2.0 / i, ("test_loss", 2.2 / i)) : run.Interval(50 * i, 2.0 / i);
        return run.WriteMetrics().Summary("fmnist-mlp", optimizer, targetLoss: 0.3).Directory;
    }

    [Fact]
    public void Compare_overlays_one_series_per_run_labelled_by_folder_and_optimizer()
    {
        string[] runs = [Run("mlp-adam", "adam", 4, withTest: true), Run("mlp-sgd", "sgd", 3), Run("mlp-shampoo", "shampoo", 5)];
        var output = Path.Combine(_root, "compare.html");

        var page = Parse(File.ReadAllText(CompareReport.Write(runs, output)));

        var charts = Charts(page);
        string[] labels = ["mlp-adam (adam)", "mlp-sgd (sgd)", "mlp-shampoo (shampoo)"];
        foreach (var title in new[] { "Train loss vs step", "Train loss vs wall time", "Step time vs step (interval median)" })
        {
            var series = DrawnSeries(charts[title]);
            Assert.Equal(labels, series.Keys);
            Assert.Equal([4, 3, 5], series.Values.Select(s => s.Single().Count));
            Assert.Equal(labels, LegendNames(charts[title]));
        }
        Assert.Equal([4, 0, 0], DrawnSeries(charts["Test loss vs step"]).Values.Select(s => s.Sum(stretch => stretch.Count)));
        // The workload's target is a train-loss target: drawn on the train charts, not on the test loss.
        Assert.Contains(charts["Train loss vs step"].Descendants(SvgNs + "text"), t => t.Value.StartsWith("train-loss target", StringComparison.Ordinal));
        Assert.DoesNotContain(charts["Test loss vs step"].Descendants(SvgNs + "text"), t => t.Value.Contains("target", StringComparison.Ordinal));
        var header = page.Descendants(Html + "thead").Single().Descendants(Html + "th").Select(th => th.Value);
        Assert.Equal(["", .. labels], header);
    }

    [Fact]
    public void Runs_in_folders_of_the_same_name_are_told_apart()
    {
        string[] runs = [Run("a/run", "adam", 2), Run("b/run", "adam", 2)];

        var page = Parse(File.ReadAllText(CompareReport.Write(runs, Path.Combine(_root, "c.html"))));

        Assert.Equal(["run (adam) #1", "run (adam) #2"], DrawnSeries(Charts(page)["Train loss vs step"]).Keys);
    }

    [Fact]
    public void The_compare_command_writes_the_page_and_exits_0()
    {
        var output = Path.Combine(_root, "out", "compare.html");

        var (code, stdout, err) = CliRun.Run("compare", Run("x", "adam", 2), Run("y", "sgd", 2), "--out", output);

        Assert.Equal((0, ""), (code, err));
        Assert.Contains(output, stdout);
        Assert.Equal(2, DrawnSeries(Charts(Parse(File.ReadAllText(output)))["Train loss vs step"]).Count);
    }

    public static TheoryData<string> Mistakes => ["no runs", "not a run", "missing folder", "no --out", "--out is a folder"];

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_in_compare_is_one_line_on_stderr_and_exit_code_2(string mistake)
    {
        var run = Run("ok", "adam", 2);
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var output = Path.Combine(_root, "compare.html");
        string[] args = mistake switch
        {
            "no runs" => ["compare", "--out", output],
            "not a run" => ["compare", run, empty, "--out", output],
            "missing folder" => ["compare", run, Path.Combine(_root, "nowhere"), "--out", output],
            "no --out" => ["compare", run],
            _ => ["compare", run, "--out", empty],
        };

        var (code, _, err) = CliRun.Run(args);

        Assert.Equal(2, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.False(File.Exists(output), "a refused comparison writes nothing");
    }

    [Fact]
    public void A_folder_that_is_not_a_run_is_named_in_the_error()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        var (_, _, err) = CliRun.Run("compare", Run("ok", "adam", 2), empty, "--out", Path.Combine(_root, "c.html"));

        Assert.Contains($"{empty} is not a run folder", err);
    }
}
