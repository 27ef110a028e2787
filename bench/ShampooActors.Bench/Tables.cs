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

    private static string F(double? v, string format = "F2") => v is { } x ? F(x, format) : "—";

    /// <summary>The training-step table.</summary>
    public static string Steps(IEnumerable<StepBenchmark.Row> rows)
    {
        var lines = new List<string>
        {
            "| workload | batch | steps | ours p10 ms | ours median ms | ours Adam median ms | PyTorch p10 ms | PyTorch median ms | PyTorch Adam median ms | ratio p10 | ratio median | bytes/step |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Workload} | {r.BatchSize} | {r.StepsMeasured} | {F(r.OursP10Ms)} | {F(r.OursMedianMs)} | {F(r.OursOptimizerMedianMs, "F3")} | {F(r.TorchP10Ms)} | {F(r.TorchMedianMs)} | {F(r.TorchOptimizerMedianMs, "F3")} | {F(r.RatioP10)} | {F(r.RatioMedian)} | {F(r.BytesPerStep, "F0")} |"));
        var notes = rows.Select(r => r.TorchNote).Where(n => n is not null).Distinct().ToList();
        if (notes.Count > 0)
            lines.Add("\nPyTorch reference: " + string.Join("; ", notes));
        return string.Join("\n", lines);
    }

    /// <summary>W1 step time of Shampoo variants against Adam, interleaved.</summary>
    public static string ShampooSteps(IReadOnlyList<ShampooStepBenchmark.Row> rows)
    {
        var lines = new List<string>
        {
            "| W1 (batch 128) | steps | step p10 ms | step median ms | optimizer p10 ms | optimizer median ms | ÷ Adam p10 | ÷ Adam median | bytes/step |",
            "|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Variant} | {r.StepsMeasured} | {r.StepP10Ms:F2} | {r.StepMedianMs:F2} | {r.OptimizerP10Ms:F2} | {r.OptimizerMedianMs:F2} | {r.RatioToAdamP10:F2}× | {r.RatioToAdamMedian:F2}× | {r.BytesPerStep:F0} |")));
        return string.Join("\n", lines);
    }

    /// <summary>The inverse-root table, with the n = 1024 targets checked below it.</summary>
    public static string Roots(IReadOnlyList<RootBenchmark.Row> rows)
    {
        var lines = new List<string>
        {
            "| n | p | cond | reps | eigh p10 ms | eigh median ms | eigh residual | newton p10 ms | newton median ms | newton iterations | newton residual | newton/eigh p10 | dsyevd p10 ms | dgemm p10 ms | bytes/call |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.N} | {r.P} | {F(r.Condition, "0e0")} | {r.Reps} | {F(r.EighP10Ms, "F1")} | {F(r.EighMedianMs, "F1")} | {F(r.EighResidual, "0.0e0")} | {F(r.NewtonP10Ms, "F1")} | {F(r.NewtonMedianMs, "F1")} | {r.NewtonIterations} | {F(r.NewtonResidual, "0.0e0")} | {F(r.NewtonOverEighP10)} | {F(r.DsyevdP10Ms, "F1")} | {F(r.DgemmP10Ms, "F1")} | {F(r.BytesPerCall, "F0")} |"));
        foreach (var r in rows.Where(r => r.N == 1024 && r.P == 4))
        {
            string Verdict(bool met) => met ? "met" : "missed";
            lines.Add($"\nTargets at n = 1024, p = 4, cond {F(r.Condition, "0e0")} (p10): eigh {F(r.EighP10Ms, "F0")} ms ≤ {RootBenchmark.TargetEighMs} ms {Verdict(r.EighP10Ms <= RootBenchmark.TargetEighMs)}; " +
                $"Newton {F(r.NewtonP10Ms, "F0")} ms ≤ {RootBenchmark.TargetNewtonMs} ms {Verdict(r.NewtonP10Ms <= RootBenchmark.TargetNewtonMs)}; " +
                $"residuals {F(r.EighResidual, "0.0e0")} / {F(r.NewtonResidual, "0.0e0")} ≤ {F(RootBenchmark.TargetResidual, "0e0")} {Verdict(System.Math.Max(r.EighResidual, r.NewtonResidual) <= RootBenchmark.TargetResidual)}.");
        }
        return string.Join("\n", lines);
    }
}
