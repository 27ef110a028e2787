using System.Globalization;
using ShampooActors.Host.Reports.Charts;

namespace ShampooActors.Host.Reports;

/// <summary>The rows of the summary table: one column per run, rows that no run has a value for left out.</summary>
internal static class SummaryTable
{
    /// <summary>The rows of <paramref name="runs"/>: the summary's figures, its roots and, for runs with preconditioner hosts, the cluster's key figures.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(IReadOnlyList<RunData> runs)
    {
        var facts = runs.Select(r => r.Facts).ToList();
        var rows = new List<IReadOnlyList<string>>
        {
            Row("workload", facts, f => f.Workload),
            Row("optimizer", facts, f => f.Optimizer),
            Row("outcome", facts, f => f.Outcome),
            Row("stop reason", facts, f => f.StopReason),
            Row("steps", facts, f => Integer(f.Steps)),
            Row("final train loss", facts, f => Number(f.FinalTrainLoss)),
            Row("test loss", facts, f => Number(f.TestLoss)),
            Row("test accuracy", facts, f => f.TestAccuracy is { } a ? (a * 100).ToString("F2", CultureInfo.InvariantCulture) + " %" : null),
            Row("target loss", facts, f => Number(f.TargetLoss)),
            Row("steps to target", facts, f => ToTarget(f, Integer(f.StepsToTarget))),
            Row("seconds to target", facts, f => ToTarget(f, Number(f.WallSecondsToTarget))),
            Row("wall seconds", facts, f => Number(f.WallSeconds)),
            Row("median step (ms)", facts, f => Number(f.MedianStepMs)),
            Row("p10 step (ms)", facts, f => Number(f.P10StepMs)),
            Row("median optimizer (ms)", facts, f => Number(f.MedianOptimizerMs)),
        };
        foreach (var name in facts.SelectMany(f => f.Roots.Select(kv => kv.Key)).Distinct())
            rows.Add(Row($"roots: {name.Replace('_', ' ')}", facts, f => f.Roots.Where(kv => kv.Key == name).Select(kv => NumberText.Compact(kv.Value)).FirstOrDefault()));
        rows.AddRange(
        [
            Row("cluster: hosts alive", facts, f => f.Cluster is { } c ? $"{c.HostsAlive} of {c.Hosts.Count}" : null),
            Row("cluster: roots from hosts", facts, f => Integer(f.Cluster?.RootsFromHosts)),
            Row("cluster: snapshots sent", facts, f => Integer(f.Cluster?.Sent)),
            // The summary keeps a median per block, not of the whole run: this is the median of those.
            Row("cluster: median round trip (ms)", facts, f => Number(f.Cluster?.MedianRoundTripMs)),
            Row("cluster: slowest block p90 round trip (ms)", facts, f => Number(f.Cluster?.WorstP90RoundTripMs)),
            Row("cluster: invalid messages", facts, f => Integer(f.Cluster?.Invalid)),
            Row("cluster: fenced roots", facts, f => Integer(f.Cluster?.Fenced)),
            Row("cluster: dead letters", facts, f => Integer(f.Cluster?.DeadLetterCount)),
            Row("cluster: fallbacks to local", facts, f => Integer(f.Cluster?.Fallbacks)),
        ]);
        return rows.Where(r => r.Skip(1).Any(cell => cell.Length > 0)).ToList();
    }

    private static IReadOnlyList<string> Row(string label, IEnumerable<SummaryFile> facts, Func<SummaryFile, string?> value) =>
        [label, .. facts.Select(f => value(f) ?? "")];

    /// <summary>A run with a target that it did not reach says so, rather than leaving a blank that reads as "unknown".</summary>
    private static string? ToTarget(SummaryFile f, string? value) => value ?? (f.TargetLoss is not null ? "not reached" : null);

    private static string? Integer(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Number(double? value) => value is { } v ? NumberText.Compact(v) : null;
}
