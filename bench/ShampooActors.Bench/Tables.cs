using System.Globalization;

namespace ShampooActors.Bench;

/// <summary>Markdown tables of benchmark results.</summary>
public static class Tables
{
    private static string F(double v, string format = "F2") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The GEMM throughput table.</summary>
    public static string Gemm(IEnumerable<GemmBenchmark.Row> rows)
    {
        var lines = new List<string>
        {
            "| routine | n | reps | ours p10 ms | ours median ms | direct p10 ms | direct median ms | ours GFLOP/s (p10) | direct GFLOP/s (p10) | overhead p10 | overhead median |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Routine} | {r.N} | {r.Reps} | {F(r.OursP10Ms, "F3")} | {F(r.OursMedianMs, "F3")} | {F(r.DirectP10Ms, "F3")} | {F(r.DirectMedianMs, "F3")} | {F(r.OursGflops, "F1")} | {F(r.DirectGflops, "F1")} | {F(r.OverheadP10Percent)}% | {F(r.OverheadMedianPercent)}% |"));
        return string.Join("\n", lines);
    }
}
