using ShampooActors.Host.Reports.Charts;

namespace ShampooActors.Host.Reports;

/// <summary>The <c>report.html</c> of one run folder: header, summary table, charts of its metrics and, for a run with preconditioner hosts, its cluster.</summary>
public static class RunReport
{
    public const string FileName = "report.html";

    /// <summary>
    /// Writes <c><paramref name="runDirectory"/>/report.html</c> (atomically) from whatever the folder holds, and returns its
    /// path. Missing or malformed files are noted on the page, never thrown: a report must not lose a run.
    /// </summary>
    public static string Write(string runDirectory)
    {
        if (!Directory.Exists(runDirectory))
            throw new UsageException($"run folder {runDirectory} does not exist");
        var run = RunData.Load(runDirectory);
        return Page(run).Write(Path.Combine(run.Directory, FileName));
    }

    internal static HtmlPage Page(RunData run)
    {
        var facts = run.Facts;
        var title = $"{facts.Workload ?? run.Name} · {facts.Optimizer ?? "unknown optimizer"}";
        var page = new HtmlPage($"{title} — {run.Name}").Heading(title, level: 1);
        page.Paragraph(run.Directory, "meta");
        if (facts.Outcome is { } outcome)
            page.Paragraph(facts.StopReason is { } reason ? $"Outcome: {outcome} — {reason}" : $"Outcome: {outcome}", $"outcome-{outcome}");
        page.Notes(run.Notes);
        page.Table(["", "value"], SummaryTable.Rows([run]));
        if (run.Metrics.Points.Count > 0)
            Charts(page, run.Metrics.Points, facts.TargetLoss);
        ClusterSection.Write(page, run.Summary?.Cluster, run.Metrics.Points);
        if (run.Config is { } config)
            page.Details(RunData.ConfigFileName, config);
        return page;
    }

    private static void Charts(HtmlPage page, IReadOnlyList<MetricsPoint> points, double? target)
    {
        var reference = target is { } t ? new ReferenceLine(t, $"train-loss target {NumberText.Compact(t)}") : null;
        var train = MetricsSeries.Of("train loss", points, MetricsSeries.Step, p => p.TrainLoss);
        page.Heading("Training");
        page.Chart(new LineChart("Train loss vs step", "step", "train loss (interval mean)", [train]) { YScale = ScaleKind.Log, Reference = reference }.ToSvg());
        var trainByTime = MetricsSeries.Of("train loss", points, MetricsSeries.Wall, p => p.TrainLoss);
        page.Chart(new LineChart("Train loss vs wall time", "wall time (s)", "train loss (interval mean)", [trainByTime]) { YScale = ScaleKind.Log, Reference = reference }.ToSvg());

        page.Heading("Test");
        var testLoss = MetricsSeries.Of("test loss", points, MetricsSeries.Step, p => p.TestLoss);
        var testAccuracy = MetricsSeries.Of("test accuracy", points, MetricsSeries.Step, MetricsSeries.TestAccuracyPercent);
        if (testLoss.Points.Count == 0 && testAccuracy.Points.Count == 0)
            page.Paragraph($"No test evaluation in {MetricsFile.FileName}; the final test numbers, if any, are in the table above.");
        if (testLoss.Points.Count > 0)
            // The train loss alongside shows the generalisation gap at a glance.
            page.Chart(new LineChart("Test loss vs step", "step", "loss", [testLoss, train]) { YScale = ScaleKind.Log, Reference = reference }.ToSvg());
        if (testAccuracy.Points.Count > 0)
            page.Chart(new LineChart("Test accuracy vs step", "step", "test accuracy (%)", [testAccuracy]).ToSvg());

        page.Heading("Time and schedule");
        var timed = points.Where(p => p.StepMs is not null && p.OptimizerMs is not null).ToList();
        if (timed.Count > 0)
        {
            var optimizer = MetricsSeries.Of("optimizer", timed, MetricsSeries.Step, p => p.OptimizerMs);
            // Both are medians of the interval, taken separately, so their difference can dip just below zero; a stack cannot show that.
            var rest = MetricsSeries.Of("rest of step (forward, backward, data)", timed, MetricsSeries.Step, p => System.Math.Max(0, p.StepMs!.Value - p.OptimizerMs!.Value));
            page.Chart(new StackedAreaChart("Step time breakdown (interval medians)", "step", "milliseconds", [optimizer, rest]).ToSvg());
        }
        var lr = MetricsSeries.Of("learning rate", points, MetricsSeries.Step, p => p.Lr);
        if (lr.Points.Count > 0)
            page.Chart(new LineChart("Learning rate vs step", "step", "learning rate", [lr]).ToSvg());
        var staleness = MetricsSeries.Of("max staleness", points, MetricsSeries.Step, p => p.MaxStaleness);
        if (staleness.Points.Count > 0)
            page.Chart(new LineChart("Preconditioner staleness vs step", "step", "max staleness (steps)", [staleness]).ToSvg());
    }
}
