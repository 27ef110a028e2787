using System.Text.Json;
using System.Xml.Linq;
using ShampooActors.Actors.Cluster;
using ShampooActors.Host.Reports;

using static ShampooActors.Host.Tests.Reports.Xhtml;

namespace ShampooActors.Host.Tests.Reports;

public sealed class ClusterReportSpec : IDisposable
{
    private static readonly string[] ClusterCharts = ["Hosts alive vs step", "Blocks in flight vs step", "Median round trip vs step"];

    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-report-cluster-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SyntheticRun Run(string name = "run") => new(Path.Combine(_root, name));

    private static XDocument Report(SyntheticRun run) => Parse(File.ReadAllText(RunReport.Write(run.Directory)));

    private static string Text(XDocument page) => page.Root!.Value;

    private static List<string> Headings(XDocument page) => page.Descendants(HtmlNs + "h2").Select(h => h.Value).ToList();

    private static List<string> Notes(XDocument page) =>
        page.Descendants(HtmlNs + "ul").Where(u => (string?)u.Attribute("class") == "notes").Elements(HtmlNs + "li").Select(li => li.Value).ToList();

    private static string? Totals(XDocument page) =>
        page.Descendants(HtmlNs + "p").SingleOrDefault(p => (string?)p.Attribute("class") == "cluster-totals")?.Value;

    /// <summary>The summary table, the first of the page: label → value.</summary>
    private static Dictionary<string, string> SummaryRows(XDocument page) =>
        page.Descendants(HtmlNs + "table").First().Element(HtmlNs + "tbody")!.Elements(HtmlNs + "tr")
            .ToDictionary(r => r.Elements().First().Value, r => r.Elements().Skip(1).First().Value);

    /// <summary>A cluster object as a run writes it: three hosts (one dead at the end), two blocks' round trips, every count.</summary>
    private static object Cluster(bool local = false) => new Dictionary<string, object>
    {
        ["hosts"] = new object[]
        {
            new { host = "node-a", alive = true, computed = 40 },
            new { host = "node-b", alive = false, computed = 12 },
            new { host = "node-c", alive = true, computed = 0 },
        },
        ["round_trips"] = new object[]
        {
            new { block = 0, count = 20, p10 = 8.5, median = 12.0, p90 = 30.0 },
            new { block = 1, count = 32, p10 = 9.0, median = 14.5, p90 = 41.5 },
        },
        ["sent"] = 60, ["invalid"] = 2, ["fenced"] = 1,
        ["dead_letters"] = new Dictionary<string, int> { ["expired"] = 3, ["rejected"] = 1 },
        ["fallbacks"] = 1, ["local"] = local,
    };

    /// <summary>Five intervals: three hosts, then one and none while the trainer computes roots itself (no round trip), then two.</summary>
    private static SyntheticRun ClusterMetrics(SyntheticRun run) => run
        .Interval(50, 2.0, ("hosts_alive", 3), ("in_flight", 4), ("round_trip_ms", 12.5), ("local_roots", false))
        .Interval(100, 1.5, ("hosts_alive", 3), ("in_flight", 6), ("round_trip_ms", 15.0), ("local_roots", false))
        .Interval(150, 1.2, ("hosts_alive", 1), ("in_flight", 0), ("local_roots", true))
        .Interval(200, 1.0, ("hosts_alive", 0), ("in_flight", 0), ("local_roots", true))
        .Interval(250, 0.8, ("hosts_alive", 2), ("in_flight", 5), ("round_trip_ms", 20.0), ("local_roots", false))
        .WriteMetrics();

    [Fact]
    public void A_cluster_run_gets_a_cluster_section_with_its_hosts_round_trips_and_counts()
    {
        var run = ClusterMetrics(Run()).Summary("fmnist-mlp", "shampoo", targetLoss: 0.5, cluster: Cluster());

        var page = Report(run);

        Assert.Equal(["Training", "Test", "Time and schedule", "Cluster"], Headings(page));
        Assert.Equal(
            [["node-a", "yes", "40"], ["node-b", "no", "12"], ["node-c", "yes", "0"]],
            TableRows(page, "cluster-hosts"));
        Assert.Equal(
            [["0", "20", "8.5", "12", "30"], ["1", "32", "9", "14.5", "41.5"]],
            TableRows(page, "cluster-round-trips"));
        Assert.Equal(
            "Snapshots sent: 60 · invalid messages rejected: 2 · fenced roots: 1 · dead letters: 4 (expired 3, rejected 1) · "
            + "fallbacks to local computation: 1 · at the end: roots from the hosts.",
            Totals(page));
        Assert.Empty(Notes(page));
    }

    [Fact]
    public void The_cluster_charts_plot_hosts_in_flight_and_round_trip_and_shade_the_intervals_with_local_roots()
    {
        var run = ClusterMetrics(Run()).Summary("fmnist-mlp", "shampoo", targetLoss: 0.5, cluster: Cluster());

        var charts = Charts(Report(run));

        Assert.Equal(ClusterCharts, charts.Keys.Where(ClusterCharts.Contains));
        var hosts = DrawnSeries(charts["Hosts alive vs step"])["hosts alive"].Single();
        Assert.Equal(5, hosts.Count);
        // Values 3, 3, 1, 0, 2 on a linear axis: one host is a third of the height of three.
        Assert.Equal(hosts[0].Y, hosts[1].Y);
        Assert.Equal(hosts[3].Y - hosts[0].Y, 3 * (hosts[3].Y - hosts[2].Y), precision: 1);
        Assert.Equal(5, DrawnSeries(charts["Blocks in flight vs step"])["blocks in flight"].Single().Count);
        var roundTrip = charts["Median round trip vs step"];
        var trips = DrawnSeries(roundTrip)["median round trip"].Single();
        Assert.Equal(3, trips.Count);
        Assert.Equal(["median round trip", "roots computed locally"], LegendNames(roundTrip));
        // The two local intervals, (100, 150] and (150, 200], make one band from step 100 to step 200.
        var band = Assert.Single(Bands(roundTrip));
        var pixelsPerStep = (trips[2].X - trips[0].X) / 200;
        Assert.Equal(trips[1].X, band.From, precision: 1);
        Assert.Equal(trips[1].X + 100 * pixelsPerStep, band.To, precision: 1);
        Assert.Single(Bands(charts["Hosts alive vs step"]));
    }

    [Fact]
    public void The_summary_table_and_compare_show_the_cluster_key_figures()
    {
        var cluster = ClusterMetrics(Run("cluster")).Summary("fmnist-mlp", "shampoo", targetLoss: 0.5, cluster: Cluster(local: true));
        var plain = Run("plain").Interval(50, 2.0).WriteMetrics().Summary("fmnist-mlp", "adam", targetLoss: 0.5);

        var rows = SummaryRows(Report(cluster));
        var compared = Parse(File.ReadAllText(CompareReport.Write([cluster.Directory, plain.Directory], Path.Combine(_root, "compare.html"))))
            .Descendants(HtmlNs + "tbody").First().Elements(HtmlNs + "tr")
            .ToDictionary(r => r.Elements().First().Value, r => r.Elements().Skip(1).Select(c => c.Value).ToList());

        Assert.Equal("2 of 3", rows["cluster: hosts alive"]);
        Assert.Equal("52", rows["cluster: roots from hosts"]);
        Assert.Equal("60", rows["cluster: snapshots sent"]);
        Assert.Equal("13.25", rows["cluster: median round trip (ms)"]);
        Assert.Equal("41.5", rows["cluster: slowest block p90 round trip (ms)"]);
        Assert.Equal("2", rows["cluster: invalid messages"]);
        Assert.Equal("1", rows["cluster: fenced roots"]);
        Assert.Equal("4", rows["cluster: dead letters"]);
        Assert.Equal("1", rows["cluster: fallbacks to local"]);
        Assert.Equal(["2 of 3", ""], compared["cluster: hosts alive"]);
        Assert.Equal(["13.25", ""], compared["cluster: median round trip (ms)"]);
    }

    [Fact]
    public void A_run_without_a_cluster_has_no_cluster_section_charts_or_rows()
    {
        var run = Run().Interval(50, 2.0, ("max_staleness", 3)).Interval(100, 1.0).WriteMetrics().Summary("fmnist-mlp", "shampoo", targetLoss: 0.5);

        var page = Report(run);

        Assert.DoesNotContain("Cluster", Headings(page));
        Assert.DoesNotContain(Charts(page).Keys, ClusterCharts.Contains);
        Assert.Empty(TableRows(page, "cluster-hosts"));
        Assert.Null(Totals(page));
        Assert.DoesNotContain(SummaryRows(page).Keys, k => k.StartsWith("cluster", StringComparison.Ordinal));
        Assert.Empty(Notes(page));
    }

    [Fact]
    public void Malformed_fields_of_the_cluster_object_are_noted_and_the_rest_is_shown()
    {
        var cluster = new Dictionary<string, object>
        {
            ["hosts"] = new object[] { new { host = "node-a", alive = "yes", computed = 5 }, 42, new { alive = true } },
            ["round_trips"] = "none",
            ["sent"] = "many", ["invalid"] = 0, ["fenced"] = 0,
            ["dead_letters"] = new Dictionary<string, object> { ["expired"] = "x", ["rejected"] = 2 },
            ["fallbacks"] = 0,
        };
        var run = ClusterMetrics(Run()).Summary("fmnist-mlp", "shampoo", targetLoss: 0.5, cluster: cluster);

        var page = Report(run);

        Assert.Equal(
            ["7 missing or malformed field(s) of the cluster object of summary.json left out: "
             + "hosts[0].alive, hosts[1], hosts[2].host, round_trips, sent, dead_letters.expired, local."],
            Notes(page));
        Assert.Contains("Cluster", Headings(page));
        Assert.Equal([["node-a", "", "5"]], TableRows(page, "cluster-hosts"));
        Assert.Empty(TableRows(page, "cluster-round-trips"));
        Assert.Contains("No block's root came back from a host.", Text(page));
        Assert.Equal("Invalid messages rejected: 0 · fenced roots: 0 · dead letters: 2 (rejected 2) · fallbacks to local computation: 0.", Totals(page));
        Assert.Equal("0 of 1", SummaryRows(page)["cluster: hosts alive"]);
        Assert.DoesNotContain("cluster: snapshots sent", SummaryRows(page).Keys);
    }

    [Fact]
    public void A_cluster_field_that_is_not_an_object_is_noted_and_leaves_no_section()
    {
        var run = Run().Interval(50, 2.0).WriteMetrics().Summary("fmnist-mlp", "shampoo", targetLoss: 0.5, cluster: "broken");

        var page = Report(run);

        Assert.Equal(["the cluster field of summary.json is not an object: its figures are left out."], Notes(page));
        Assert.DoesNotContain("Cluster", Headings(page));
        Assert.Equal("fmnist-mlp · shampoo", page.Descendants(HtmlNs + "h1").Single().Value);
    }

    [Fact]
    public void Malformed_cluster_fields_of_metrics_lines_are_noted_and_left_out_of_the_charts()
    {
        var run = Run()
            .Interval(50, 2.0, ("hosts_alive", 2), ("in_flight", 3), ("round_trip_ms", 10.0), ("local_roots", false))
            .Interval(100, 1.5, ("hosts_alive", "three"), ("in_flight", 3), ("round_trip_ms", 11.0), ("local_roots", false))
            .Interval(150, 1.2, ("hosts_alive", 2), ("in_flight", 2.5), ("round_trip_ms", new { ms = 1 }), ("local_roots", "yes"))
            .Interval(200, 1.0, ("hosts_alive", 2), ("in_flight", 1), ("round_trip_ms", 12.0), ("local_roots", false))
            .WriteMetrics()
            .Summary("fmnist-mlp", "shampoo", targetLoss: 0.5, cluster: Cluster());

        var page = Report(run);

        Assert.Equal(
            ["2 line(s) of metrics.jsonl with a malformed cluster field (hosts_alive, in_flight, round_trip_ms, local_roots), "
             + "left out of the cluster charts: line 2, 3."],
            Notes(page));
        var charts = Charts(page);
        Assert.Equal(3, DrawnSeries(charts["Hosts alive vs step"])["hosts alive"].Single().Count);
        Assert.Equal(3, DrawnSeries(charts["Blocks in flight vs step"])["blocks in flight"].Single().Count);
        Assert.Equal(3, DrawnSeries(charts["Median round trip vs step"])["median round trip"].Single().Count);
        Assert.Empty(Bands(charts["Median round trip vs step"]));
        Assert.Equal(4, DrawnSeries(charts["Train loss vs step"])["train loss"].Single().Count);
    }

    [Fact]
    public void A_killed_cluster_run_without_summary_gets_the_cluster_charts_from_its_metrics()
    {
        var page = Report(ClusterMetrics(Run()));

        Assert.Contains("Cluster", Headings(page));
        Assert.Contains("summary.json has no readable cluster figures; the charts below come from metrics.jsonl.", Text(page));
        Assert.Empty(TableRows(page, "cluster-hosts"));
        Assert.Equal(ClusterCharts, Charts(page).Keys.Where(ClusterCharts.Contains));
    }

    [Fact]
    public void A_run_that_computed_every_root_itself_shows_the_shading_without_a_round_trip()
    {
        var run = Run()
            .Interval(50, 2.0, ("hosts_alive", 0), ("in_flight", 0), ("local_roots", true))
            .Interval(100, 1.0, ("hosts_alive", 0), ("in_flight", 0), ("local_roots", true))
            .WriteMetrics();

        var chart = Charts(Report(run))["Median round trip vs step"];

        Assert.Contains(chart.Descendants(SvgNs + "text"), t => t.Value == "no values to plot");
        var band = Assert.Single(Bands(chart));
        var area = chart.Descendants(SvgNs + "rect").Single(r => (string?)r.Attribute("class") == "plot-area");
        // From step 0, where the run began, to step 100: the whole width of the plot.
        Assert.Equal((double)area.Attribute("x")!, band.From, precision: 1);
        Assert.Equal((double)area.Attribute("x")! + (double)area.Attribute("width")!, band.To, precision: 1);
    }

    [Fact]
    public void The_section_reads_the_files_as_the_run_writes_them()
    {
        var totals = new ClusterTotals(
            [new HostTotals("node-a", true, 7), new HostTotals("node-b", true, 9)],
            [new BlockRoundTrip(3, 16, 5.5, 7.25, double.NaN)],
            Sent: 17, Invalid: 0, Fenced: 2, new Dictionary<string, long> { ["delivery_limit"] = 1 }, Fallbacks: 0, Local: false);
        var run = Run();
        foreach (var (step, rt) in new[] { (50L, (double?)6.0), (100L, null), (150L, 8.0) })
            run.Raw(JsonSerializer.Serialize(new MetricsLine(step, 1.0, step * 0.01, 10, 4, 1000, 1e-3, HostsAlive: 2, InFlight: 1, RoundTripMs: rt, LocalRoots: rt is null), Json.Lines));
        run.WriteMetrics().Summary("fmnist-mlp", "shampoo", targetLoss: 0.5, cluster: JsonSerializer.SerializeToElement(totals, Json.Lines));

        var page = Report(run);

        Assert.Empty(Notes(page));
        Assert.Equal([["node-a", "yes", "7"], ["node-b", "yes", "9"]], TableRows(page, "cluster-hosts"));
        Assert.Equal([["3", "16", "5.5", "7.25", "NaN"]], TableRows(page, "cluster-round-trips"));
        Assert.Equal(
            "Snapshots sent: 17 · invalid messages rejected: 0 · fenced roots: 2 · dead letters: 1 (delivery_limit 1) · "
            + "fallbacks to local computation: 0 · at the end: roots from the hosts.",
            Totals(page));
        var charts = Charts(page);
        Assert.Equal(2, DrawnSeries(charts["Median round trip vs step"])["median round trip"].Single().Count);
        Assert.Single(Bands(charts["Median round trip vs step"]));
    }

    /// <summary>The shaded bands of a chart as their left and right pixel edges.</summary>
    private static List<(double From, double To)> Bands(XElement svg) =>
        svg.Descendants(SvgNs + "rect")
            .Where(r => (string?)r.Attribute("class") == "band")
            .Select(r => ((double)r.Attribute("x")!, (double)r.Attribute("x")! + (double)r.Attribute("width")!))
            .ToList();
}
