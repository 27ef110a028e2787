using System.Xml.Linq;
using ShampooActors.Host.Reports;

using static ShampooActors.Host.Tests.Reports.Xhtml;

namespace ShampooActors.Host.Tests.Reports;

public sealed class RunReportSpec : IDisposable
{
    private static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-report-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SyntheticRun Run(string name = "run") => new(Path.Combine(_root, name));

    private static XDocument Report(SyntheticRun run) => Parse(File.ReadAllText(RunReport.Write(run.Directory)));

    private static string Text(XDocument page) => page.Root!.Value;

    [Fact]
    public void A_complete_run_gets_every_chart_with_its_series()
    {
        var run = Run()
            .Interval(50, 2.0, ("max_staleness", 9))
            .Interval(100, 1.0, ("max_staleness", 9), ("test_loss", 1.1), ("test_accuracy", 0.7))
            .Interval(150, 0.6, ("max_staleness", 3))
            .Interval(200, 0.4, ("max_staleness", 9), ("test_loss", 0.5), ("test_accuracy", 0.8), ("a_field_from_the_future", "x"))
            .WriteMetrics()
            .Summary("fmnist-mlp", "shampoo", targetLoss: 0.5, stepsToTarget: 200);

        var page = Report(run);

        var charts = Charts(page);
        Assert.Equal(
            ["Train loss vs step", "Train loss vs wall time", "Test loss vs step", "Test accuracy vs step",
             "Step time breakdown (interval medians)", "Learning rate vs step", "Preconditioner staleness vs step"],
            charts.Keys);
        Assert.Equal(4, DrawnSeries(charts["Train loss vs step"])["train loss"].Single().Count);
        Assert.Equal(4, DrawnSeries(charts["Train loss vs wall time"])["train loss"].Single().Count);
        Assert.Equal(2, DrawnSeries(charts["Test loss vs step"])["test loss"].Single().Count);
        Assert.Equal(2, DrawnSeries(charts["Test accuracy vs step"])["test accuracy"].Single().Count);
        Assert.Equal(["optimizer", "rest of step (forward, backward, data)"], DrawnSeries(charts["Step time breakdown (interval medians)"], "layer").Keys);
        Assert.Equal(4, DrawnSeries(charts["Preconditioner staleness vs step"])["max staleness"].Single().Count);
        Assert.Contains(charts["Train loss vs step"].Descendants(SvgNs + "text"), t => t.Value == "train-loss target 0.5");
        Assert.Contains("fmnist-mlp · shampoo", page.Descendants(Html + "h1").Single().Value);
        Assert.Contains("Outcome: completed", Text(page));
    }

    [Fact]
    public void The_summary_table_shows_the_summary_numbers()
    {
        var run = Run().Interval(50, 2.0).WriteMetrics().Summary("fmnist-mlp", "adam", targetLoss: 0.3);

        var rows = Report(run).Descendants(Html + "tr")
            .ToDictionary(r => r.Elements().First().Value, r => r.Elements().Skip(1).Select(c => c.Value).FirstOrDefault());

        Assert.Equal("adam", rows["optimizer"]);
        Assert.Equal("0.47", rows["test loss"]);
        Assert.Equal("83.31 %", rows["test accuracy"]);
        Assert.Equal("not reached", rows["steps to target"]);
        Assert.Equal("200", rows["steps"]);
    }

    [Fact]
    public void Malformed_lines_are_skipped_and_counted_on_the_page()
    {
        var run = Run()
            .Interval(50, 2.0)
            .Raw("{\"step\": 100, \"train_lo")
            .Interval(150, 1.0)
            .Raw("[1, 2]")
            .Raw("{\"train_loss\": 1.0}")
            .Interval(200, 0.5)
            .WriteMetrics();

        var page = Report(run);

        Assert.Contains("3 malformed line(s) of metrics.jsonl skipped: line 2, 4, 5", Text(page));
        Assert.Equal(3, DrawnSeries(Charts(page)["Train loss vs step"])["train loss"].Single().Count);
    }

    [Fact]
    public void A_run_without_metrics_gets_a_page_that_says_so()
    {
        var page = Report(Run());

        Assert.Contains("metrics.jsonl is missing", Text(page));
        Assert.Contains("summary.json is missing", Text(page));
        Assert.Empty(Charts(page));
    }

    [Fact]
    public void A_run_with_an_empty_metrics_file_gets_a_page_that_says_so()
    {
        var page = Report(Run().WriteMetrics());

        Assert.Contains("metrics.jsonl is empty", Text(page));
        Assert.Empty(Charts(page));
    }

    [Fact]
    public void A_run_without_test_evaluations_gets_a_note_instead_of_test_charts()
    {
        var page = Report(Run().Interval(50, 2.0).Interval(100, 1.0).WriteMetrics());

        Assert.Contains("No test evaluation in metrics.jsonl", Text(page));
        Assert.DoesNotContain("Test loss vs step", Charts(page).Keys);
        Assert.DoesNotContain("Preconditioner staleness vs step", Charts(page).Keys);
    }

    [Fact]
    public void A_killed_run_without_summary_takes_its_numbers_from_the_last_metrics_line()
    {
        var run = Run().Interval(50, 2.0).Interval(100, 1.25).WriteMetrics();

        var page = Report(run);

        var rows = page.Descendants(Html + "tr").ToDictionary(r => r.Elements().First().Value, r => r.Elements().Last().Value);
        Assert.Equal("100", rows["steps"]);
        Assert.Equal("1.25", rows["final train loss"]);
        Assert.Contains("summary.json is missing", Text(page));
    }

    [Fact]
    public void A_diverged_run_breaks_its_loss_line_where_the_loss_is_not_finite()
    {
        var run = Run()
            .Interval(50, 2.0)
            .Interval(100, 1.0)
            .Line(("step", 150), ("train_loss", "NaN"), ("wall_seconds", 1.5), ("step_ms", "Infinity"), ("optimizer_ms", 4.0))
            .WriteMetrics();

        var markup = File.ReadAllText(RunReport.Write(run.Directory));

        Assert.Equal([2], DrawnSeries(Charts(Parse(markup))["Train loss vs step"])["train loss"].Select(s => s.Count));
        var svgAttributes = Parse(markup).Descendants().Where(e => e.Name.Namespace == SvgNs).Attributes().Select(a => a.Value);
        Assert.DoesNotContain(svgAttributes, v => v.Contains("NaN") || v.Contains("Infinity"));
    }

    [Fact]
    public void The_config_is_shown_escaped_in_a_collapsed_block()
    {
        const string config = "training { lr = 1e-3 }  # <not a tag> & so on\n";
        var run = Run().Interval(50, 2.0).WriteMetrics().File("config.conf", config);

        var page = Report(run);

        var details = page.Descendants(Html + "details").Single();
        Assert.Equal("config.conf", details.Element(Html + "summary")!.Value);
        Assert.Equal(config, details.Element(Html + "pre")!.Value);
    }

    [Fact]
    public void The_page_is_self_contained_and_replaced_whole()
    {
        var run = Run().Interval(50, 2.0).WriteMetrics();
        RunReport.Write(run.Directory);
        run.Interval(100, 1.0).WriteMetrics();

        var path = RunReport.Write(run.Directory);

        Assert.Equal(Path.Combine(run.Directory, "report.html"), path);
        Assert.Equal(["metrics.jsonl", "report.html"], Directory.GetFiles(run.Directory).Select(Path.GetFileName).Order());
        var page = Parse(File.ReadAllText(path));
        Assert.Empty(page.Descendants(Html + "script"));
        Assert.Empty(page.Descendants(Html + "link"));
        Assert.Empty(page.Descendants().Attributes("src"));
        Assert.Equal(2, DrawnSeries(Charts(page)["Train loss vs step"])["train loss"].Single().Count);
    }
}
