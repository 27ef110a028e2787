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

    /// <summary>Step time of optimizer variants against Adam on the same workload, interleaved.</summary>
    public static string StepRatios(IReadOnlyList<StepRatioBenchmark.Row> rows)
    {
        var lines = new List<string>
        {
            "| workload | optimizer | steps | step p10 ms | step median ms | optimizer p10 ms | optimizer median ms | ÷ Adam p10 | ÷ Adam median | bytes/step |",
            "|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Workload} | {r.Variant} | {r.StepsMeasured} | {r.StepP10Ms:F2} | {r.StepMedianMs:F2} | {r.OptimizerP10Ms:F2} | {r.OptimizerMedianMs:F2} | {r.RatioToAdamP10:F2}× | {r.RatioToAdamMedian:F2}× | {r.BytesPerStep:F0} |")));
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

    private static string StepCount(int? step) => step?.ToString(CultureInfo.InvariantCulture) ?? "—";

    private static string Ratio(double? r) => r is { } x ? string.Create(CultureInfo.InvariantCulture, $"{x:F2}×") : "—";

    private static string Loss(double? v, bool classifier) => v is { } x ? F(x, classifier ? "F3" : "F1") : "—";

    /// <summary>Every convergence run of one workload: steps and wall seconds to the targets, final loss, test metric.</summary>
    public static string Convergence(ConvergenceBenchmark.Result result)
    {
        var classifier = result.Workload == "fmnist-mlp";
        var targets = result.Targets.Select(t => F(t, classifier ? "F2" : "F0")).ToList();
        var lines = new List<string>
        {
            $"{result.Workload}, {result.Steps} steps, loss = mean of the last {ConvergenceBenchmark.LogEvery} training losses logged every {ConvergenceBenchmark.LogEvery} steps; wall seconds on a shared 2-core machine (noisy)",
            "",
            "| optimizer | lr | roots | " + string.Join(" | ", targets.Select(t => $"steps to loss < {t}")) + " | final loss | " + (classifier ? "test acc" : "test loss") +
                $" | wall s | wall s to < {targets[^1]} | same, less external roots | step p10 ms | step median ms | root failures |",
            "|---|---|---|" + string.Concat(targets.Select(_ => "---|")) + "---|---|---|---|---|---|---|---|",
        };
        foreach (var r in result.Runs)
        {
            var metric = classifier ? (r.TestAccuracy is { } a ? F(a, "F3") : "—") : Loss(r.TestLoss, false);
            var final = r.Diverged ? $"diverged at step {r.DivergedAtStep}" : Loss(r.FinalLoss, classifier);
            var label = r.Label == r.Optimizer ? r.Optimizer : r.Label;
            lines.Add($"| {label} | {F(r.Lr, "G3")} | {r.RootMode} | " + string.Join(" | ", r.Targets.Select(t => StepCount(t.Step))) +
                $" | {final} | {metric} | {F(r.WallSeconds, "F1")} | {F(r.SecondsToFinalTarget, "F1")} | {(r.RootComputeSeconds > 0 ? F(r.Targets[^1].SecondsLessExternalRoots, "F1") : "—")} | {F(r.StepP10Ms)} | {F(r.StepMedianMs)} | {(r.Roots is { } s ? $"{s.Failures}/{s.Computed}" : "—")} |");
        }
        lines.Add("");
        lines.Add("Synchronous runs compute their roots inline, inside the optimizer step (so in the wall time and the step percentiles). " +
            $"The external run computes the roots of the snapshot taken at step s on the training thread right after step s and adopts them only after step s + {ConvergenceBenchmark.StaleDelay - 1} " +
            $"(first used at step s + {ConvergenceBenchmark.StaleDelay}, against step s in synchronous mode): a simulation of asynchronous staleness, not of asynchronous wall time; " +
            "\"less external roots\" subtracts that root time, an optimistic bound for roots computed on other cores. Root failures: rejected / computed factor roots.");
        return string.Join("\n", lines);
    }

    /// <summary>A peer row quoted from BENCHMARKS.md: steps to the two targets, final train loss and test metric.</summary>
    private sealed record Peer(string Optimizer, int? Steps1, int? Steps2, double Final, double Metric);

    // Quoted from BENCHMARKS.md (PyTorch 1.13.1 CPU, 2 threads, same workloads and data order); not measured here.
    private static readonly Peer[] PeersW1 =
    [
        new("Adam lr 1e-3", 1000, 1950, 0.303, 0.873),
        new("Adam lr 3e-3", 750, 1900, 0.305, 0.875),
        new("SGD momentum 0.9, lr 0.05", 1300, null, 0.323, 0.871),
        new("reference Shampoo, SGD graft, lr 0.05 (sync roots every 10)", 500, 750, 0.227, 0.886),
        new("reference Shampoo, AdaGrad graft, lr 3e-3 (sync roots every 10)", 500, 1000, 0.248, 0.882),
    ];

    private static readonly Peer[] PeersW2 =
    [
        new("Adam lr 1e-3", 550, 1600, 228.9, 230.1),
        new("Adam lr 3e-3", 550, 1500, 228.2, 229.2),
        new("reference Shampoo, AdaGrad graft, lr 3e-4 (sync roots every 10)", 650, 1200, 225.8, 227.3),
        new("SGD momentum 0.9, lr 1e-3", 1900, null, 239.4, 240.5),
    ];

    /// <summary>Our best run per optimizer against the peer numbers quoted from BENCHMARKS.md, steps as ratios to the best Adam.</summary>
    public static string ConvergencePeers(ConvergenceBenchmark.Result result)
    {
        var classifier = result.Workload == "fmnist-mlp";
        var peers = classifier ? PeersW1 : PeersW2;
        var targets = result.Targets.Select(t => F(t, classifier ? "F2" : "F0")).ToList();
        var lines = new List<string>
        {
            $"{result.Workload}: best per optimizer (fewest steps to < {targets[^1]}, ties by final loss) against the peers; ratios are steps ÷ the best Adam of the same source",
            "",
            "| source | optimizer | " + string.Join(" | ", targets.Select(t => $"steps to < {t}")) + " | final loss | " + (classifier ? "test acc" : "test loss") +
                " | " + string.Join(" | ", targets.Select(t => $"steps ÷ best Adam (< {t})")) + $" | wall ÷ best Adam (< {targets[^1]}) | same, less external roots |",
            "|---|---|" + string.Concat(targets.Select(_ => "---|")) + "---|---|" + string.Concat(targets.Select(_ => "---|")) + "---|---|",
        };
        foreach (var b in result.Best)
        {
            var r = b.Run;
            var metric = classifier ? (r.TestAccuracy is { } a ? F(a, "F3") : "—") : Loss(r.TestLoss, false);
            var final = r.Diverged ? "diverged" : Loss(r.FinalLoss, classifier);
            lines.Add($"| ours | {r.Label}, lr {F(r.Lr, "G3")} | " + string.Join(" | ", r.Targets.Select(t => StepCount(t.Step))) +
                $" | {final} | {metric} | " + string.Join(" | ", b.StepRatiosToAdam.Select(Ratio)) + $" | {Ratio(b.WallRatioToAdamAtFinalTarget)} | {Ratio(b.WallRatioLessExternalRootsToAdamAtFinalTarget)} |");
        }
        var peerAdam = peers.Where(p => p.Optimizer.StartsWith("Adam", StringComparison.Ordinal)).OrderBy(p => p.Steps2 ?? int.MaxValue).ThenBy(p => p.Final).First();
        foreach (var p in peers)
        {
            var steps = new[] { p.Steps1, p.Steps2 };
            var peerAdamSteps = new[] { peerAdam.Steps1, peerAdam.Steps2 };
            var ratios = steps.Select((s, i) => s is { } x && peerAdamSteps[i] is { } y ? (double?)x / y : null);
            lines.Add($"| PyTorch peer, quoted from BENCHMARKS.md | {p.Optimizer} | {StepCount(p.Steps1)} | {StepCount(p.Steps2)} | {Loss(p.Final, classifier)} | " +
                (classifier ? F(p.Metric, "F3") : F(p.Metric, "F1")) + " | " + string.Join(" | ", ratios.Select(Ratio)) + " | — | — |");
        }
        lines.Add("");
        lines.Add("Peer rows are quoted from BENCHMARKS.md (PyTorch 1.13.1 CPU, 2 threads), not measured here; their ratios are to the best peer Adam. " +
            "Our wall ratios are noisy (shared 2-core machine) and, except where external roots are subtracted, include synchronous root computation: " +
            "they are not the asynchronous wall-time targets.");
        return string.Join("\n", lines);
    }

    /// <summary>The actor kernel: throughput per case (p10 and median of the per-trial rate) and the memory of an idle actor.</summary>
    public static string Actors(ActorBenchmark.Result result)
    {
        static string M(double rate) => (rate / 1e6).ToString("F3", CultureInfo.InvariantCulture);
        static string Verdict(ActorBenchmark.ThroughputRow r) => r.Target is not { } target ? "—"
            : r.P10Rate >= target ? $"≥ {M(target)} M: met (p10 and median)"
            : r.MedianRate >= target ? $"≥ {M(target)} M: met at the median, missed at p10"
            : $"≥ {M(target)} M: **missed**";
        var lines = new List<string>
        {
            $"Actor kernel on the default thread-pool dispatcher (throughput {result.DispatcherThroughput} messages per turn), {result.Cores} cores, " +
                $"{(result.ServerGc ? "server" : "workstation")} GC ({result.GcLatencyMode}); {result.Trials} timed trials per case after a warm-up. " +
                "Rates in millions per second: p10 is the 10th percentile of the per-trial rate (pessimistic: nine trials in ten were faster), " +
                "the median is the per-trial median, and the last rate is the count divided by the 10th percentile of the trial times (the fast regime). " +
                "Messages are preallocated, so the bytes per message are the kernel's own; GC pause % is the collector's pause time within the timed trials; " +
                "the heap is GCMemoryInfo's size after the latest collection, read after each trial.",
            "",
            "| case | unit | per trial | p10 rate, M/s (pessimistic) | median rate, M/s | rate at p10 time, M/s | p10 ms | median ms | bytes allocated per message | GC pause % | gen0/gen1/gen2 GCs per trial | largest heap after a GC, MB | target |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(result.Throughput.Select(r =>
            $"| {r.Case} | {r.Unit} | {r.Count} | {M(r.P10Rate)} | {M(r.MedianRate)} | {M(r.RateAtP10Time)} | {F(r.P10Ms, "F1")} | {F(r.MedianMs, "F1")} | {F(r.BytesPerMessage, "F1")} | " +
            $"{F(r.GcPausePercent, "F1")} | {F(r.Gen0PerTrial, "F1")}/{F(r.Gen1PerTrial, "F1")}/{F(r.Gen2PerTrial, "F1")} | {F(r.MaxHeapMb, "F1")} | {Verdict(r)} |"));
        if (result.Memory is not { } m)
            return string.Join("\n", lines);
        lines.Add("");
        lines.Add("| idle actors (ReceiveActor, one handler) | bytes per actor, GC.GetTotalMemory | bytes per actor, GCMemoryInfo heap size | target |");
        lines.Add("|---|---|---|---|");
        var worst = System.Math.Max(m.BytesPerActorTotalMemory, m.BytesPerActorHeapSize);
        lines.Add($"| {m.Actors} | {F(m.BytesPerActorTotalMemory, "F0")} | {F(m.BytesPerActorHeapSize, "F0")} | < {F(m.Target, "F0")}: {(worst < m.Target ? "met" : "**missed**")} |");
        return string.Join("\n", lines);
    }
}
