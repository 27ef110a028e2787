using System.Globalization;
using ShampooActors.Host.Reports.Charts;

namespace ShampooActors.Host.Reports;

/// <summary>
/// The "Cluster" part of a run's report, for a run that got its roots from preconditioner hosts: the hosts, the round trip
/// per block and the message counts from the summary's <c>cluster</c> object, and charts of the cluster fields of the metrics.
/// </summary>
internal static class ClusterSection
{
    public const string Heading = "Cluster";

    /// <summary>The legend of the shading over the intervals in which the trainer computed roots itself.</summary>
    public const string LocalRootsLabel = "roots computed locally";

    /// <summary>Whether the run has anything of a cluster to show: a cluster object in its summary, or cluster fields in its metrics.</summary>
    public static bool Applies(ClusterSummary? cluster, IReadOnlyList<MetricsPoint> points) => cluster is not null || points.Any(p => p.HasCluster);

    /// <summary>Adds the section to <paramref name="page"/>; nothing for a run without a cluster.</summary>
    public static void Write(HtmlPage page, ClusterSummary? cluster, IReadOnlyList<MetricsPoint> points)
    {
        if (!Applies(cluster, points))
            return;
        page.Heading(Heading);
        if (cluster is null)
            page.Paragraph($"{SummaryFile.FileName} has no readable {ClusterSummary.FieldName} figures; the charts below come from {MetricsFile.FileName}.");
        else
            Tables(page, cluster);
        Charts(page, points);
    }

    /// <summary>The intervals with <c>local_roots</c>, each from the step of the line before to its own, neighbours merged; the first line's interval starts at step 0.</summary>
    public static IReadOnlyList<XBand> LocalBands(IReadOnlyList<MetricsPoint> points)
    {
        var bands = new List<XBand>();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].LocalRoots != true)
                continue;
            var from = i > 0 ? points[i - 1].Step : System.Math.Min(0, points[i].Step);
            if (bands.Count > 0 && bands[^1].To == from)
                bands[^1] = bands[^1] with { To = points[i].Step };
            else
                bands.Add(new XBand(from, points[i].Step, LocalRootsLabel));
        }
        return bands;
    }

    /// <summary>The line of message counts under the tables: snapshots sent, rejections, dead letters, fallbacks; a figure the summary lacks is left out.</summary>
    public static string Totals(ClusterSummary cluster)
    {
        var parts = new List<string>();
        if (cluster.Sent is { } sent)
            parts.Add($"snapshots sent: {Integer(sent)}");
        if (cluster.Invalid is { } invalid)
            parts.Add($"invalid messages rejected: {Integer(invalid)}");
        if (cluster.Fenced is { } fenced)
            parts.Add($"fenced roots: {Integer(fenced)}");
        if (cluster.DeadLetters is { } deadLetters)
        {
            var reasons = deadLetters.Count == 0 ? "" : $" ({string.Join(", ", deadLetters.Select(d => $"{d.Key} {Integer(d.Value)}"))})";
            parts.Add($"dead letters: {Integer(cluster.DeadLetterCount ?? 0)}{reasons}");
        }
        if (cluster.Fallbacks is { } fallbacks)
            parts.Add($"fallbacks to local computation: {Integer(fallbacks)}");
        if (cluster.Local is { } local)
            parts.Add(local ? "at the end: roots computed locally" : "at the end: roots from the hosts");
        var text = string.Join(" · ", parts);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private static void Tables(HtmlPage page, ClusterSummary cluster)
    {
        if (cluster.Hosts.Count == 0)
            page.Paragraph("No preconditioner host was seen.");
        else
            page.Table(["host", "alive at the end", "roots computed"],
                cluster.Hosts.Select(h => (IReadOnlyList<string>)[h.Host, h.Alive is { } alive ? (alive ? "yes" : "no") : "", Integer(h.Computed)]),
                "cluster-hosts");
        if (cluster.RoundTrips.Count == 0)
            page.Paragraph("No block's root came back from a host.");
        else
            page.Table(["block", "round trips", "p10 (ms)", "median (ms)", "p90 (ms)"],
                cluster.RoundTrips.Select(r => (IReadOnlyList<string>)[Integer(r.Block), Integer(r.Count), Number(r.P10), Number(r.Median), Number(r.P90)]),
                "cluster-round-trips");
        if (Totals(cluster) is { Length: > 0 } totals)
            page.Paragraph(totals, "cluster-totals");
    }

    private static void Charts(HtmlPage page, IReadOnlyList<MetricsPoint> points)
    {
        var bands = LocalBands(points);
        var hosts = MetricsSeries.Of("hosts alive", points, MetricsSeries.Step, p => p.HostsAlive);
        if (hosts.Points.Count > 0)
            page.Chart(new LineChart("Hosts alive vs step", "step", "hosts alive", [hosts]) { Bands = bands }.ToSvg());
        var inFlight = MetricsSeries.Of("blocks in flight", points, MetricsSeries.Step, p => p.InFlight);
        if (inFlight.Points.Count > 0)
            page.Chart(new LineChart("Blocks in flight vs step", "step", "blocks in flight (queue depth)", [inFlight]) { Bands = bands }.ToSvg());
        var roundTrip = MetricsSeries.Of("median round trip", points, MetricsSeries.Step, p => p.RoundTripMs);
        // A run that computed every root itself has no round trip at all; the shading still shows when that was.
        if (roundTrip.Points.Count > 0 || bands.Count > 0)
            page.Chart(new LineChart("Median round trip vs step", "step", "round trip (ms, interval median)", [roundTrip]) { Bands = bands }.ToSvg());
    }

    private static string Integer(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? value) => value is { } v ? NumberText.Compact(v) : "";
}
