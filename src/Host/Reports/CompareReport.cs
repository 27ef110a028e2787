using ShampooActors.Host.Reports.Charts;

namespace ShampooActors.Host.Reports;

/// <summary>One page overlaying several runs: their losses and step times on shared charts and their summaries side by side.</summary>
public static class CompareReport
{
    /// <summary>
    /// Writes the comparison of <paramref name="runDirectories"/> to <paramref name="outFile"/> (atomically) and returns its
    /// path; a folder that holds no run, or an output path that is a folder, is a <see cref="UsageException"/>.
    /// </summary>
    public static string Write(IReadOnlyList<string> runDirectories, string outFile)
    {
        if (runDirectories.Count == 0)
            throw new UsageException("compare needs at least one run folder");
        if (string.IsNullOrWhiteSpace(outFile))
            throw new UsageException("--out needs the path of the HTML file to write");
        if (Directory.Exists(outFile))
            throw new UsageException($"--out {outFile} is a folder; give the path of the HTML file to write");
        var runs = runDirectories.Select(Load).ToList();
        var page = Page(runs);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
            return page.Write(outFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {outFile}: {e.Message}", e);
        }
    }

    internal static HtmlPage Page(IReadOnlyList<RunData> runs)
    {
        var labels = Labels(runs);
        var page = new HtmlPage($"Comparison of {runs.Count} runs").Heading($"Comparison of {runs.Count} runs", level: 1);
        page.Paragraph(string.Join(" · ", runs.Select(r => r.Directory)), "meta");
        page.Notes(runs.SelectMany((r, i) => r.Notes.Select(n => $"{labels[i]}: {n}")));
        page.Table(["", .. labels], SummaryTable.Rows(runs));

        var targets = runs.Select(r => r.Facts.TargetLoss).Distinct().ToList();
        // Runs of different workloads have different targets; one line would be right for some and wrong for the others.
        var reference = targets is [{ } t] ? new ReferenceLine(t, $"train-loss target {NumberText.Compact(t)}") : null;
        page.Heading("Training");
        page.Chart(Overlay("Train loss vs step", "step", "train loss (interval mean)", runs, labels, MetricsSeries.Step, p => p.TrainLoss, ScaleKind.Log, reference));
        page.Chart(Overlay("Train loss vs wall time", "wall time (s)", "train loss (interval mean)", runs, labels, MetricsSeries.Wall, p => p.TrainLoss, ScaleKind.Log, reference));
        page.Heading("Test");
        if (runs.Any(r => r.Metrics.Points.Any(p => p.TestLoss is not null)))
            page.Chart(Overlay("Test loss vs step", "step", "test loss", runs, labels, MetricsSeries.Step, p => p.TestLoss, ScaleKind.Log, null));
        else
            page.Paragraph($"No run has a test evaluation in its {MetricsFile.FileName}; the final test numbers, if any, are in the table above.");
        if (runs.Any(r => r.Metrics.Points.Any(p => p.TestAccuracy is not null)))
            page.Chart(Overlay("Test accuracy vs step", "step", "test accuracy (%)", runs, labels, MetricsSeries.Step, MetricsSeries.TestAccuracyPercent, ScaleKind.Linear, null));
        page.Heading("Time");
        page.Chart(Overlay("Step time vs step (interval median)", "step", "step time (ms)", runs, labels, MetricsSeries.Step, p => p.StepMs, ScaleKind.Linear, null));
        return page;
    }

    private static RunData Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new UsageException($"{directory} is not a folder");
        var run = RunData.Load(directory);
        if (!run.IsRun)
            throw new UsageException($"{directory} is not a run folder (it has no {MetricsFile.FileName} or {SummaryFile.FileName})");
        return run;
    }

    /// <summary>Each run's label; runs whose labels coincide (same folder name in different places) are numbered so the legend tells them apart.</summary>
    private static IReadOnlyList<string> Labels(IReadOnlyList<RunData> runs)
    {
        var labels = runs.Select(r => r.Label).ToList();
        return labels.Select((l, i) => labels.Count(o => o == l) > 1 ? $"{l} #{i + 1}" : l).ToList();
    }

    private static string Overlay(
        string title, string xLabel, string yLabel, IReadOnlyList<RunData> runs, IReadOnlyList<string> labels,
        Func<MetricsPoint, double?> x, Func<MetricsPoint, double?> y, ScaleKind yScale, ReferenceLine? reference)
    {
        var series = runs.Select((r, i) => MetricsSeries.Of(labels[i], r.Metrics.Points, x, y)).ToList();
        return new LineChart(title, xLabel, yLabel, series) { YScale = yScale, Reference = reference }.ToSvg();
    }
}
