namespace ShampooActors.Host.Reports;

/// <summary>Everything a report reads from one run folder; whatever is missing or broken is described in <see cref="Notes"/>, never thrown.</summary>
internal sealed record RunData(
    string Directory,
    string Name,
    MetricsFile Metrics,
    SummaryFile? Summary,
    string? Config,
    IReadOnlyList<string> Notes)
{
    public const string ConfigFileName = "config.conf";

    /// <summary>The summary, or what the metrics say in its place when the run left none.</summary>
    public SummaryFile Facts => Summary ?? SummaryFile.FromMetrics(Metrics.Points);

    /// <summary>The folder name with the optimizer, as runs are told apart in a comparison: <c>mlp-adam (adam)</c>.</summary>
    public string Label => Summary?.Optimizer is { } optimizer ? $"{Name} ({optimizer})" : Name;

    /// <summary>Whether the folder holds anything of a run at all.</summary>
    public bool IsRun => Metrics.Exists || File.Exists(Path.Combine(Directory, SummaryFile.FileName));

    public static RunData Load(string runDirectory)
    {
        var directory = Path.GetFullPath(runDirectory);
        var metrics = MetricsFile.Read(directory);
        var (summary, summaryProblem) = SummaryFile.Read(directory);
        var configPath = Path.Combine(directory, ConfigFileName);
        var notes = new List<string>();
        if (!metrics.Exists)
            notes.Add($"{MetricsFile.FileName} is missing: there is nothing to plot.");
        else if (metrics.Points.Count == 0 && metrics.SkippedLines.Count == 0)
            notes.Add($"{MetricsFile.FileName} is empty: the run stopped before its first log interval.");
        if (metrics.SkippedLines.Count > 0)
            notes.Add($"{metrics.SkippedLines.Count} malformed line(s) of {MetricsFile.FileName} skipped: line {FirstFew(metrics.SkippedLines)}.");
        if (summaryProblem is not null)
            notes.Add(summaryProblem);
        notes.AddRange(summary?.Problems ?? []);
        if (metrics.MalformedClusterLines.Count > 0)
            notes.Add($"{metrics.MalformedClusterLines.Count} line(s) of {MetricsFile.FileName} with a malformed cluster field ({string.Join(", ", MetricsFile.ClusterFields)}), "
                + $"left out of the cluster charts: line {FirstFew(metrics.MalformedClusterLines)}.");
        var name = Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar));
        return new RunData(directory, name, metrics, summary, File.Exists(configPath) ? File.ReadAllText(configPath) : null, notes);
    }

    /// <summary>The first few items (line numbers, field names), so a file of thousands of bad lines still makes one readable note.</summary>
    internal static string FirstFew<T>(IReadOnlyList<T> items)
    {
        const int shown = 10;
        var text = string.Join(", ", items.Take(shown));
        return items.Count > shown ? text + ", …" : text;
    }
}
