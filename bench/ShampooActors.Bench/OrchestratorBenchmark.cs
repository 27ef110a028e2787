using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// Benchmarks of the asynchronous orchestrator: jobs run through the <see cref="Actors.Training.JobActor"/> in this process
/// (<see cref="OrchestratedRun"/>), variants interleaved round by round (A, B, C, A, B, C, …) so that the machine's slow and fast
/// regimes fall on all of them. Modes:
/// <list type="bullet">
/// <item><c>orch-steps [rounds] [steps] [--set k=v …]</c>: W1 step time of async Shampoo (block 128, statistics every step, roots
/// every 10; hocon/fmnist-mlp.conf) against our Adam (hocon/fmnist-mlp-adam.conf), with the optimizer's phases, the staleness
/// policy's waits and the root computations running alongside.</item>
/// <item><c>orch-converge-w1|-w2 [repeats] [variants] [--set …]</c>: steps and wall time to the train-loss target for Adam at its
/// best lr, sync and async Shampoo (the default jobs), no test evaluation; the staleness distribution of the Shampoo runs.</item>
/// <item><c>orch-priority [repeats] [--set …]</c>: changed-most against FIFO on W1, time to target.</item>
/// <item><c>orch-threads [repeats] [grid] [--set …]</c>: W1 async wall time and step time over numeric threads × training.threads ×
/// precondition-every, with Adam and sync references.</item>
/// </list>
/// Extra <c>--set</c> settings go on every Shampoo job of the run (e.g. a thread configuration).
/// </summary>
public static class OrchestratorBenchmark
{
    /// <summary>Steps run after the target was first reached (a margin showing the loss stays there), when a mode stops early.</summary>
    public const int StepsAfterTarget = 100;

    /// <summary>A job to run: its label and how to run it.</summary>
    public sealed record Variant(string Label, string File, string[] Overrides, OrchestratedRun.Options Options);

    /// <summary>What one run measured, without its per-step samples.</summary>
    public sealed record RunSummary(string Label, int Round, string Job, string Outcome, long StepsRun, double WallSeconds, int? StepsToTarget,
        double? SecondsToTarget, double? LossAtTarget, double? LossAfterTarget, int NumericThreads, int BlasThreads, StepStats Stats,
        Staleness? Staleness, OrchestratedRunTotals? Preconditioning, IReadOnlyDictionary<string, double> CpuSeconds, IReadOnlyDictionary<string, long> Preemptions,
        double LoadBefore, double LoadAfter, IReadOnlyList<CurvePoint> Curve);

    /// <summary>The preconditioner side over a run.</summary>
    public sealed record OrchestratedRunTotals(long Computations, long Published, long Replaced, long Rejected, long Failed, double MedianComputeMs, double P10ComputeMs);

    /// <summary>A log point: step, mean of the last 50 losses, wall seconds.</summary>
    public sealed record CurvePoint(int Step, double Loss, double Seconds);

    /// <summary>
    /// Step-time figures over the measured steps (after the warm-up) of one or more runs: the step (forward, backward, optimizer),
    /// the optimizer, the cycle (report to report: the step plus the actor's turn, adoption and hand-over), the phases, the
    /// waits, and the root computations that ran alongside.
    /// </summary>
    public sealed record StepStats(int Steps, double StepP10, double StepMedian, double OptimizerP10, double OptimizerMedian, double ForwardBackwardMedian,
        double CycleP10, double CycleMedian, double CycleMean, double[]? PhaseMedians, double[]? PhaseMeans, double WaitedTotalMs, int StepsWaited,
        int RootComputations, double RootMedianMs, double RootP10Ms, double RootsPerStep, double RootBusyPerStep, double FractionStepsWithRoots,
        double StepWithRootsP10, double StepWithRootsMedian, double StepWithoutRootsP10, double StepWithoutRootsMedian);

    /// <summary>Staleness (step − root version) over every block at every step from start-preconditioning-step on, and the per-step maximum.</summary>
    public sealed record Staleness(long Samples, long P50, long P90, long P99, long Max, long PerStepMaxP50, long PerStepMaxP90);

    /// <summary>Phase names of <see cref="ShampooPhases"/>, in order.</summary>
    public static readonly string[] PhaseNames = ["statistics", "grafting", "snapshots", "preconditioning", "update"];

    /// <summary>Runs the mode and returns its JSON object and markdown.</summary>
    public static (object Json, string Markdown) Run(string mode, string[] args, string outDir, string stamp)
    {
        var (positional, sets, nice, blockWorkers) = Split(args);
        _nice = nice;
        _blockWorkers = blockWorkers;
        var data = FashionMnist.Load();
        var stopwatch = Stopwatch.StartNew();
        CheckPhaseTiming(data);
        object json;
        string markdown;
        switch (mode)
        {
            case "orch-steps":
            {
                var rounds = Int(positional, 0, 5);
                var steps = Int(positional, 1, 300);
                const int warmup = 30;
                Variant[] variants =
                [
                    new("adam", "hocon/fmnist-mlp-adam.conf", [], new(steps)),
                    new("shampoo async", "hocon/fmnist-mlp.conf", sets, new(steps)),
                    new("shampoo async, phase-timed", "hocon/fmnist-mlp.conf", sets, new(steps, PhaseTiming: true)),
                    new("shampoo sync, phase-timed", "hocon/fmnist-mlp.conf", [.. sets, "preconditioning.mode=sync"], new(steps, PhaseTiming: true)),
                ];
                variants = Nice(variants);
                var records = RunRounds(variants, rounds, data, outDir, $"{mode}-{stamp}", warmup);
                var rows = variants.Select(v => (v.Label, Stats: Stats(records.Where(r => r.Label == v.Label).ToList(), warmup),
                    Staleness: StalenessOf(records.Where(r => r.Label == v.Label).ToList()))).ToList();
                var perRound = variants.Skip(1).Select(v => (v.Label, Ratios: Enumerable.Range(0, rounds).Select(round =>
                    Stats([records.Single(r => r.Label == v.Label && Round(r) == round)], warmup).StepP10 /
                    Stats([records.Single(r => r.Label == "adam" && Round(r) == round)], warmup).StepP10).ToList())).ToList();
                json = new { rounds, steps_per_run = steps, warmup, sets, variants = rows.Select(r => new { label = r.Label, stats = r.Stats, staleness = r.Staleness }), per_round_p10_ratios = perRound.Select(p => new { label = p.Label, ratios = p.Ratios }), runs = records.Select(r => Summarize(r, warmup)) };
                markdown = StepTable(rows, perRound, rounds, steps, warmup, sets) + "\n\n" + CpuTable(records.Select(r => Summarize(r, warmup)));
                break;
            }
            case "orch-converge-w1":
            case "orch-converge-w2":
            {
                var w2 = mode.EndsWith("w2", StringComparison.Ordinal);
                var repeats = Int(positional, 0, w2 ? 1 : 3);
                var which = positional.Count > 1 ? positional[1].Split(',') : ["adam", "sync", "async"];
                var file = w2 ? "hocon/fmnist-autoencoder.conf" : "hocon/fmnist-mlp.conf";
                var common = new[] { "logging.eval-every=0" };
                var all = new Dictionary<string, Variant>
                {
                    ["adam"] = new("adam", w2 ? file : "hocon/fmnist-mlp-adam.conf", w2 ? [.. common, "optimizer.kind=adam", "optimizer.adam.lr=1e-3"] : common, new(StepsAfterTarget: StepsAfterTarget)),
                    // Adam with OpenBLAS single-threaded, the training.threads the Shampoo jobs may be given.
                    ["adam-t1"] = new("adam t1", w2 ? file : "hocon/fmnist-mlp-adam.conf", w2 ? [.. common, "optimizer.kind=adam", "optimizer.adam.lr=1e-3", "training.threads=1"] : [.. common, "training.threads=1"], new(StepsAfterTarget: StepsAfterTarget)),
                    ["sync"] = new("shampoo sync", file, [.. common, .. sets, "preconditioning.mode=sync"], new(StepsAfterTarget: StepsAfterTarget)),
                    ["async"] = new("shampoo async", file, [.. common, .. sets], new(StepsAfterTarget: StepsAfterTarget)),
                };
                // A variant name may carry settings of its own after '@', ';'-separated: async@training.threads=1;actors.dispatchers.numeric.threads=1.
                var variants = Nice(which.Select(w =>
                {
                    var at = w.IndexOf('@');
                    if (at < 0)
                        return all[w];
                    var extra = w[(at + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries);
                    var v = all[w[..at]];
                    return v with { Label = $"{v.Label} [{string.Join(", ", extra)}]", Overrides = [.. v.Overrides, .. extra] };
                }));
                var records = RunRounds(variants, repeats, data, outDir, $"{mode}-{stamp}", 30);
                var summaries = records.Select(r => Summarize(r, 30)).ToList();
                json = new { repeats, sets, steps_after_target = StepsAfterTarget, runs = summaries };
                markdown = ConvergenceTable(mode, summaries, w2 ? 0.8 : 0.7, sets) + "\n\n" + CpuTable(summaries);
                break;
            }
            case "orch-priority":
            {
                var repeats = Int(positional, 0, 3);
                var common = new[] { "logging.eval-every=0" };
                Variant[] variants =
                [
                    new("async, changed-most", "hocon/fmnist-mlp.conf", [.. common, .. sets, "preconditioning.priority=changed-most"], new(StepsAfterTarget: StepsAfterTarget)),
                    new("async, fifo", "hocon/fmnist-mlp.conf", [.. common, .. sets, "preconditioning.priority=fifo"], new(StepsAfterTarget: StepsAfterTarget)),
                ];
                variants = Nice(variants);
                var records = RunRounds(variants, repeats, data, outDir, $"{mode}-{stamp}", 30);
                var summaries = records.Select(r => Summarize(r, 30)).ToList();
                json = new { repeats, sets, steps_after_target = StepsAfterTarget, runs = summaries };
                markdown = ConvergenceTable(mode, summaries, null, sets) + "\n\n" + CpuTable(summaries);
                break;
            }
            case "orch-threads":
            {
                var repeats = Int(positional, 0, 2);
                var grid = positional.Count > 1 ? positional[1] : "pe10";
                var variants = Nice(ThreadGrid(grid, sets));
                var records = RunRounds(variants, repeats, data, outDir, $"{mode}-{stamp}", 30);
                var summaries = records.Select(r => Summarize(r, 30)).ToList();
                json = new { repeats, grid, sets, steps_after_target = StepsAfterTarget, runs = summaries };
                markdown = ThreadTable(summaries, grid, sets) + "\n\n" + CpuTable(summaries);
                break;
            }
            default:
                throw new ArgumentException($"unknown orchestrator benchmark '{mode}'");
        }
        Console.WriteLine($"{mode}: {stopwatch.Elapsed.TotalMinutes:F1} min");
        return (json, markdown);
    }

    /// <summary>
    /// The thread grid on W1 (async, to the target): numeric threads {1, 2} × training.threads {1, 2, null} at precondition-every 10
    /// (<c>pe10</c>) or 20 (<c>pe20</c>), with Adam and sync Shampoo at training.threads null and 1 as references; or a list
    /// <c>n1t1,n2tnull,…</c> (n: numeric threads, t: training.threads, optional <c>p20</c>).
    /// </summary>
    private static Variant[] ThreadGrid(string grid, string[] sets)
    {
        var common = new[] { "logging.eval-every=0" };
        var options = new OrchestratedRun.Options(StepsAfterTarget: StepsAfterTarget);
        var variants = new List<Variant>();
        string T(string t) => t == "null" ? "null" : t;
        Variant Async(int n, string t, int pe) => new($"async n{n} t{t} pe{pe}", "hocon/fmnist-mlp.conf",
            [.. common, .. sets, $"actors.dispatchers.numeric.threads={n}", $"training.threads={T(t)}", $"optimizer.shampoo.precondition-every={pe}"], options);
        if (grid is "pe10" or "pe20")
        {
            var pe = grid == "pe10" ? 10 : 20;
            foreach (var t in new[] { "null", "1" })
            {
                variants.Add(new($"adam t{t}", "hocon/fmnist-mlp-adam.conf", [.. common, $"training.threads={t}"], options));
                variants.Add(new($"sync t{t} pe{pe}", "hocon/fmnist-mlp.conf", [.. common, .. sets, "preconditioning.mode=sync", $"training.threads={t}", $"optimizer.shampoo.precondition-every={pe}"], options));
            }
            foreach (var n in new[] { 1, 2 })
            {
                foreach (var t in new[] { "null", "2", "1" })
                    variants.Add(Async(n, t, pe));
            }
            return variants.ToArray();
        }
        foreach (var item in grid.Split(','))
        {
            // n<numeric>t<threads>[p<every>][z<nice>], e.g. n1t1p20, n2tnullz19 (root workers at nice 19: a prototype);
            // adam-t<threads> and sync-t<threads>[p<every>] for the references.
            // Prototypes of src changes: w<k> block workers independent of OpenBLAS's threads, h the old batch wait (both need
            // bench/results/proto-blasparallel.patch in src).
            var m = System.Text.RegularExpressions.Regex.Match(item, @"^(?:n(?<n>\d+)|(?<ref>adam|sync)-)t(?<t>null|\d+)(?:p(?<p>\d+))?(?:w(?<w>\d+))?(?:z(?<z>\d+))?(?<h>h)?$");
            if (!m.Success)
                throw new ArgumentException($"grid item '{item}': expected n<numeric>t<threads>[p<every>][w<workers>][z<nice>][h], adam-t<threads> or sync-t<threads>[p<every>][w<workers>][h]");
            var t = m.Groups["t"].Value;
            var pe = m.Groups["p"].Success ? int.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture) : 10;
            if (m.Groups["ref"].Value == "adam")
                variants.Add(new($"adam t{t}", "hocon/fmnist-mlp-adam.conf", [.. common, $"training.threads={t}"], options));
            else
            {
                var v = m.Groups["ref"].Value == "sync"
                    ? new($"sync t{t} pe{pe}", "hocon/fmnist-mlp.conf", [.. common, .. sets, "preconditioning.mode=sync", $"training.threads={t}", $"optimizer.shampoo.precondition-every={pe}"], options)
                    : Async(int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), t, pe);
                if (m.Groups["w"].Success)
                {
                    var w = int.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture);
                    v = v with { Label = $"{v.Label} w{w}", Options = v.Options with { BlockWorkers = w } };
                }
                if (m.Groups["z"].Success)
                {
                    var z = int.Parse(m.Groups["z"].Value, CultureInfo.InvariantCulture);
                    v = v with { Label = $"{v.Label} nice{z}", Options = v.Options with { RootNiceness = z } };
                }
                if (m.Groups["h"].Success)
                    v = v with { Label = $"{v.Label} old-wait", Options = v.Options with { WaitForHelpers = true } };
                variants.Add(v);
            }
        }
        return variants.ToArray();
    }

    private static int? _nice;

    /// <summary>The variants with the <c>--nice-roots</c> prototype applied to every Shampoo job that sets no niceness of its own.</summary>
    private static Variant[] Nice(IEnumerable<Variant> variants) => variants.Select(v =>
    {
        if (v.Label.StartsWith("adam", StringComparison.Ordinal))
            return v;
        if (_nice is { } nice && v.Options.RootNiceness is null)
            v = v with { Label = $"{v.Label} nice{nice}", Options = v.Options with { RootNiceness = nice } };
        if (_blockWorkers is { } w && v.Options.BlockWorkers is null)
            v = v with { Label = $"{v.Label} w{w}", Options = v.Options with { BlockWorkers = w } };
        return v;
    }).ToArray();

    private static int? _blockWorkers;

    /// <summary>Runs every variant once per round, in order, <paramref name="rounds"/> times; the finished runs' summaries go to a partial file as they come.</summary>
    private static List<OrchestratedRun.Record> RunRounds(IReadOnlyList<Variant> variants, int rounds, FashionMnist data, string outDir, string name, int warmup)
    {

        // One short warm-up job per distinct job before the measured rounds: the JIT, the thread pool and OpenBLAS's threads.
        foreach (var v in variants.DistinctBy(v => (v.File, string.Join(' ', v.Overrides))))
            OrchestratedRun.Run("warm-up " + v.Label, HostJob.Load(v.File, v.Overrides), data, v.Options with { Steps = 40, StepsAfterTarget = null });
        var partial = Path.Combine(outDir, $"bench-{name}.partial.json");
        var records = new List<OrchestratedRun.Record>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var v in variants)
            {
                Console.WriteLine($"round {round + 1}/{rounds}");
                var record = OrchestratedRun.Run(v.Label, HostJob.Load(v.File, v.Overrides), data, v.Options);
                record.Round = round;
                records.Add(record);
                File.WriteAllText(partial, JsonSerializer.Serialize(records.Select(r => Summarize(r, warmup)), ConvergenceBenchmark.Json));
            }
        }
        File.Delete(partial);
        return records;
    }

    private static int Round(OrchestratedRun.Record record) => record.Round;

    /// <summary>Proves the phase-timed step is Shampoo's own on both workloads' default jobs before anything is measured with it.</summary>
    private static void CheckPhaseTiming(FashionMnist data)
    {
        foreach (var file in new[] { "hocon/fmnist-mlp.conf", "hocon/fmnist-autoencoder.conf" })
        {
            var job = HostJob.Load(file);
            PhaseTimedShampoo.CheckBitIdentical(job.Workload, data, p => (Shampoo)job.CreateOptimizer(p), steps: file.Contains("autoencoder") ? 12 : 25);
        }
        Console.WriteLine("phase-timed Shampoo step: bit-identical to Shampoo.Step on W1 and W2");
    }

    /// <summary>The summary of a run, its step statistics over the steps after <paramref name="warmup"/>.</summary>
    public static RunSummary Summarize(OrchestratedRun.Record r, int warmup)
    {
        double? lossAt = r.StepsToTarget is { } s ? r.Curve.First(c => c.Step == s).Loss : null;
        double? after = r.StepsToTarget is { } s2 ? r.Curve.Where(c => c.Step > s2).Select(c => c.Loss).DefaultIfEmpty(double.NaN).Max() : null;
        return new RunSummary(r.Label, Round(r), r.Job, r.Outcome, r.StepsRun, r.WallSeconds, r.StepsToTarget, r.SecondsToTarget, lossAt,
            after is { } a && double.IsNaN(a) ? null : after, r.NumericThreads, r.BlasThreads, Stats([r], warmup), StalenessOf([r]),
            r.Preconditioning is { } p ? new OrchestratedRunTotals(p.Computations, p.Published, p.Replaced, p.Rejected, p.Failed, p.MedianComputeMilliseconds, p.P10ComputeMilliseconds) : null,
            r.Cpu.CpuSeconds, r.Cpu.Preemptions, r.LoadBefore, r.LoadAfter,
            r.Curve.Select(c => new CurvePoint(c.Step, c.Loss, c.Seconds)).ToList());
    }

    /// <summary>Step statistics pooled over <paramref name="records"/>' steps after <paramref name="warmup"/>.</summary>
    public static StepStats Stats(IReadOnlyList<OrchestratedRun.Record> records, int warmup)
    {
        var steps = new List<OrchestratedRun.StepSample>();
        var roots = new List<double>();
        double busyMs = 0;
        var withRoots = new Samples();
        var withoutRoots = new Samples();
        long rootCount = 0;
        var msPerTick = 1000.0 / Stopwatch.Frequency;
        foreach (var r in records)
        {
            var measured = r.Steps.Where(s => s.Step > warmup).ToList();
            if (measured.Count == 0)
                continue;
            steps.AddRange(measured);
            var from = measured[0].EndTicks - (long)(measured[0].CycleMs / msPerTick);
            var to = measured[^1].EndTicks;
            var inWindow = r.Roots.Where(c => c.Start >= from && c.Start < to).ToList();
            rootCount += inWindow.Count;
            roots.AddRange(inWindow.Select(c => (c.End - c.Start) * msPerTick));
            var longest = r.Roots.Count == 0 ? 0 : r.Roots.Max(c => c.End - c.Start);
            foreach (var s in measured)
            {
                var end = s.EndTicks;
                var start = end - (long)(s.CycleMs / msPerTick);
                var overlap = 0L;
                // Roots are sorted by start; none that started before start − longest can reach into this step.
                var lo = 0;
                var hi = r.Roots.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    if (r.Roots[mid].Start < start - longest)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                for (var j = lo; j < r.Roots.Count && r.Roots[j].Start < end; j++)
                {
                    var o = System.Math.Min(end, r.Roots[j].End) - System.Math.Max(start, r.Roots[j].Start);
                    if (o > 0)
                        overlap += o;
                }
                busyMs += overlap * msPerTick;
                (overlap > 0 ? withRoots : withoutRoots).Add(s.StepMs);
            }
        }
        var step = Samples.Of(steps.Select(s => s.StepMs));
        var optimizer = Samples.Of(steps.Select(s => s.OptimizerMs));
        var cycle = Samples.Of(steps.Select(s => s.CycleMs));
        var timed = steps.Where(s => s.Phases is not null).ToList();
        double[]? phaseMedians = timed.Count == 0 ? null : Enumerable.Range(0, PhaseNames.Length).Select(i => Samples.Of(timed.Select(s => s.Phases![i])).Median).ToArray();
        double[]? phaseMeans = timed.Count == 0 ? null : Enumerable.Range(0, PhaseNames.Length).Select(i => timed.Average(s => s.Phases![i])).ToArray();
        var rootSamples = Samples.Of(roots);
        var n = System.Math.Max(1, steps.Count);
        return new StepStats(steps.Count, step.P10, step.Median, optimizer.P10, optimizer.Median,
            Samples.Of(steps.Select(s => s.StepMs - s.OptimizerMs)).Median, cycle.P10, cycle.Median, steps.Count == 0 ? double.NaN : steps.Average(s => s.CycleMs),
            phaseMedians, phaseMeans, steps.Sum(s => s.WaitedMs), steps.Count(s => s.WaitedMs > 0), (int)rootCount, rootSamples.Median, rootSamples.P10,
            (double)rootCount / n, busyMs / n, (double)withRoots.Count / n, withRoots.P10, withRoots.Median, withoutRoots.P10, withoutRoots.Median);
    }

    /// <summary>The staleness distribution pooled over <paramref name="records"/> (null for optimizers without blocks).</summary>
    public static Staleness? StalenessOf(IReadOnlyList<OrchestratedRun.Record> records)
    {
        var histogram = new SortedDictionary<long, long>();
        foreach (var r in records)
        {
            foreach (var (value, count) in r.StalenessHistogram)
                histogram[value] = histogram.GetValueOrDefault(value) + count;
        }
        var total = histogram.Values.Sum();
        if (total == 0)
            return null;
        long Quantile(double q)
        {
            var rank = (long)System.Math.Ceiling(q * total);
            long seen = 0;
            foreach (var (value, count) in histogram)
            {
                seen += count;
                if (seen >= rank)
                    return value;
            }
            return histogram.Keys.Last();
        }
        var perStepMax = Samples.Of(records.SelectMany(r => r.Steps.Where(s => s.StalenessMax > 0 || s.StalenessP50 > 0).Select(s => (double)s.StalenessMax)));
        return new Staleness(total, Quantile(0.5), Quantile(0.9), Quantile(0.99), histogram.Keys.Last(), (long)perStepMax.Median, (long)perStepMax.Percentile(0.9));
    }

    private static string F(double v, string format = "F2") => double.IsNaN(v) ? "—" : v.ToString(format, CultureInfo.InvariantCulture);

    private static string F(double? v, string format = "F2") => v is { } x ? F(x, format) : "—";

    private static string SetsNote(string[] sets) => sets.Length == 0 ? "" : $" Extra settings on the Shampoo jobs: `{string.Join(' ', sets.Select(s => "--set " + s))}`.";

    private static string StepTable(List<(string Label, StepStats Stats, Staleness? Staleness)> rows, List<(string Label, List<double> Ratios)> perRound,
        int rounds, int steps, int warmup, string[] sets)
    {
        var adam = rows[0].Stats;
        var lines = new List<string>
        {
            $"W1 step time through the orchestrator (JobActor in a real-time actor system, the jobs' own config; {rounds} interleaved rounds of {steps} steps per job, the first {warmup} of each run not measured). " +
            "Step = forward + backward + optimizer as StepReport gives it; cycle = report to report (the step, the accelerator's turn, root adoption, snapshot hand-over). " +
            "Phases are medians of the phase-timed runs (the same step, bit-identical, with a stopwatch per phase). Roots alongside: root computations that started during the measured steps, " +
            "their median time, and the mean number of root-worker milliseconds overlapping each step cycle." + SetsNote(sets),
            "",
            "| job | steps | step p10 ms | step median ms | ÷ Adam p10 | ÷ Adam median | forward+backward median ms | optimizer median ms | statistics | grafting | snapshots | preconditioning | update | waited ms (steps) | cycle p10 ms | cycle median ms | cycle mean ms | roots alongside (count, median ms) | root-worker ms per step | steps overlapping roots | step p10/median with roots running | without |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        foreach (var (label, s, _) in rows)
        {
            var p = s.PhaseMedians;
            string Ph(int i) => p is null ? "—" : F(p[i], "F3");
            lines.Add($"| {label} | {s.Steps} | {F(s.StepP10)} | {F(s.StepMedian)} | {F(s.StepP10 / adam.StepP10)}× | {F(s.StepMedian / adam.StepMedian)}× | {F(s.ForwardBackwardMedian)} | {F(s.OptimizerMedian)} | " +
                $"{Ph(0)} | {Ph(1)} | {Ph(2)} | {Ph(3)} | {Ph(4)} | {F(s.WaitedTotalMs, "F0")} ({s.StepsWaited}) | {F(s.CycleP10)} | {F(s.CycleMedian)} | {F(s.CycleMean)} | " +
                $"{s.RootComputations}, {F(s.RootMedianMs)} | {F(s.RootBusyPerStep)} | {F(100 * s.FractionStepsWithRoots, "F0")}% | {F(s.StepWithRootsP10)} / {F(s.StepWithRootsMedian)} | {F(s.StepWithoutRootsP10)} / {F(s.StepWithoutRootsMedian)} |");
        }
        lines.Add("");
        lines.Add("Step p10 ÷ Adam's step p10, round by round (each round's runs back to back): " + string.Join("; ",
            perRound.Select(p => $"{p.Label}: {string.Join(", ", p.Ratios.Select(r => F(r)))} (median {F(Samples.Of(p.Ratios).Median)})")));
        var async = rows.First(r => r.Label.StartsWith("shampoo async", StringComparison.Ordinal) && !r.Label.Contains("phase-timed")).Stats;
        lines.Add("");
        lines.Add($"Target: async Shampoo step ≤ 2.0× Adam at p10: {F(async.StepP10 / adam.StepP10)}× — {(async.StepP10 / adam.StepP10 <= 2.0 ? "met" : "**missed**")}.");
        lines.Add("");
        lines.Add("Staleness (step − root version over every block and step from step 10 on): " + string.Join("; ", rows.Where(r => r.Staleness is not null)
            .Select(r => $"{r.Label}: p50 {r.Staleness!.P50}, p90 {r.Staleness.P90}, max {r.Staleness.Max}")));
        return string.Join("\n", lines);
    }

    private static string ConvergenceTable(string mode, List<RunSummary> runs, double? target, string[] sets)
    {
        var lines = new List<string>
        {
            $"{mode}: every run through the orchestrator (JobActor, the jobs' config, logging.eval-every = 0: no test evaluation), stopped {StepsAfterTarget} steps after the 50-step mean first fell below the target (or at the budget). " +
            "Wall seconds on the CLI's clock (from StartTraining); steps to target as the run's metrics read them (first 50-step mean below the target)." + SetsNote(sets),
            "",
            "| run | round | job | outcome | steps run | steps to target | wall s to target | loss at target | worst 50-step mean after | step p10 ms | step median ms | cycle median ms | cycle mean ms | waited ms | root computations (median ms) | staleness p50 / p90 / p99 / max | per-step max p50 / p90 |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        foreach (var r in runs)
        {
            var st = r.Staleness;
            lines.Add($"| {r.Label} | {r.Round + 1} | `{r.Job}` | {r.Outcome} | {r.StepsRun} | {r.StepsToTarget?.ToString(CultureInfo.InvariantCulture) ?? "—"} | {F(r.SecondsToTarget, "F1")} | {F(r.LossAtTarget, "G4")} | {F(r.LossAfterTarget, "G4")} | " +
                $"{F(r.Stats.StepP10)} | {F(r.Stats.StepMedian)} | {F(r.Stats.CycleMedian)} | {F(r.Stats.CycleMean)} | {F(r.Stats.WaitedTotalMs, "F0")} | " +
                $"{(r.Preconditioning is { } p ? $"{p.Computations} ({F(p.MedianComputeMs)})" : "—")} | {(st is null ? "—" : $"{st.P50} / {st.P90} / {st.P99} / {st.Max}")} | {(st is null ? "—" : $"{st.PerStepMaxP50} / {st.PerStepMaxP90}")} |");
        }
        // The target sits where the curves are flat (W1: the 50-step mean at 500 is 0.296-0.302, then above 0.31 until ~700), so a
        // tiny difference moves the crossing by 200 steps; the loss and wall time at one fixed step (the sync runs' crossing) compare
        // the variants without that threshold effect.
        var syncSteps = runs.Where(r => r.Label.StartsWith("shampoo sync", StringComparison.Ordinal) && r.StepsToTarget is not null).Select(r => r.StepsToTarget!.Value).ToList();
        var fixedStep = syncSteps.Count > 0 ? syncSteps.Min() : runs.Where(r => r.StepsToTarget is not null).Select(r => r.StepsToTarget!.Value).DefaultIfEmpty(0).Min();
        lines.Add("");
        lines.Add($"| variant | runs | steps to target (each) | wall s to target: median (each) | ÷ first variant's median | ÷ first variant, round by round | 50-step mean loss at step {fixedStep} (each) | wall s to step {fixedStep}: median (each) |");
        lines.Add("|---|---|---|---|---|---|---|---|");
        var groups = runs.GroupBy(r => r.Label).ToList();
        var baseline = groups[0].ToList();
        var baseMedian = Median(baseline.Select(r => r.SecondsToTarget));
        foreach (var g in groups)
        {
            var list = g.ToList();
            var median = Median(list.Select(r => r.SecondsToTarget));
            var byRound = list.Select(r => (r.SecondsToTarget, baseline.FirstOrDefault(b => b.Round == r.Round)?.SecondsToTarget))
                .Select(p => p.Item1 is { } a && p.Item2 is { } b ? F(a / b) : "—");
            lines.Add($"| {g.Key} | {list.Count} | {string.Join(", ", list.Select(r => r.StepsToTarget?.ToString(CultureInfo.InvariantCulture) ?? "—"))} | " +
                $"{F(median, "F1")} ({string.Join(", ", list.Select(r => F(r.SecondsToTarget, "F1")))}) | {F(median / baseMedian)}× | {string.Join(", ", byRound)} | " +
                $"{string.Join(", ", list.Select(r => F(r.Curve.FirstOrDefault(c => c.Step == fixedStep)?.Loss, "F4")))} | " +
                $"{F(Median(list.Select(r => r.Curve.FirstOrDefault(c => c.Step == fixedStep)?.Seconds)), "F1")} ({string.Join(", ", list.Select(r => F(r.Curve.FirstOrDefault(c => c.Step == fixedStep)?.Seconds, "F1")))}) |");
        }
        if (target is { } t && groups.FirstOrDefault(g => g.Key.StartsWith("shampoo async", StringComparison.Ordinal)) is { } async)
        {
            var ratio = Median(async.Select(r => r.SecondsToTarget)) / baseMedian;
            lines.Add("");
            lines.Add($"Target: async Shampoo wall time to the target ≤ {F(t, "F1")}× Adam's: {F(ratio)}× (medians) — {(ratio <= t ? "met" : "**missed**")}.");
        }
        return string.Join("\n", lines);
    }

    private static string ThreadTable(List<RunSummary> runs, string grid, string[] sets)
    {
        var lines = new List<string>
        {
            $"orch-threads {grid}: W1 through the orchestrator to the 0.30 target (+{StepsAfterTarget} steps), logging.eval-every = 0; n = actors.dispatchers.numeric.threads (root workers), " +
            "t = training.threads (OpenBLAS threads, and with them the Shampoo step's batched block workers; null = all cores), pe = precondition-every. Medians over the repeats, each repeat's value in brackets." + SetsNote(sets),
            "",
            "| job | runs | steps to target | wall s to target | wall s ÷ Adam (t null) | step p10 ms | step median ms | cycle median ms | cycle mean ms | root computations per step | root median ms | staleness p50 / p90 / max |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        var adam = runs.Where(r => r.Label == "adam tnull").ToList();
        if (adam.Count == 0)
            adam = runs.Where(r => r.Label.StartsWith("adam", StringComparison.Ordinal)).ToList();
        var adamMedian = Median(adam.Select(r => r.SecondsToTarget));
        foreach (var g in runs.GroupBy(r => r.Label))
        {
            var list = g.ToList();
            string Each(Func<RunSummary, double?> f, string format = "F2") => $"{F(Median(list.Select(f)), format)} ({string.Join(", ", list.Select(r => F(f(r), format)))})";
            var st = list.Select(r => r.Staleness).Where(s => s is not null).ToList();
            lines.Add($"| {g.Key} | {list.Count} | {string.Join(", ", list.Select(r => r.StepsToTarget?.ToString(CultureInfo.InvariantCulture) ?? "—"))} | {Each(r => r.SecondsToTarget, "F1")} | " +
                $"{F(Median(list.Select(r => r.SecondsToTarget)) / adamMedian)}× | {Each(r => r.Stats.StepP10)} | {Each(r => r.Stats.StepMedian)} | {Each(r => r.Stats.CycleMedian)} | {Each(r => r.Stats.CycleMean)} | " +
                $"{F(list.Average(r => r.Stats.RootsPerStep))} | {F(Median(list.Select(r => (double?)r.Stats.RootMedianMs)))} | " +
                $"{(st.Count == 0 ? "—" : $"{st.Max(s => s!.P50)} / {st.Max(s => s!.P90)} / {st.Max(s => s!.Max)}")} |");
        }
        return string.Join("\n", lines);
    }

    /// <summary>Where each variant's CPU time went, by thread role, per step run (sums over its runs), and how busy the cores were.</summary>
    private static string CpuTable(IEnumerable<RunSummary> runs)
    {
        var lines = new List<string>
        {
            $"CPU time of this process by thread role (/proc/self/task, 10 ms ticks), in CPU milliseconds per step run, summed over each variant's runs; " +
            $"busy = all our threads' CPU time ÷ (wall time × {Environment.ProcessorCount} cores); preemptions = involuntary context switches per step; load = the machine's 1-minute load average at the runs' starts and ends (other work included).",
            "",
            "| job | steps run | wall ms per step | " + string.Join(" | ", ThreadCpu.Roles.Select(r => $"{r} CPU ms/step")) + " | busy | preemptions per step (pool, roots, blocks, OpenBLAS) | load |",
            "|---|---|---|" + string.Concat(ThreadCpu.Roles.Select(_ => "---|")) + "---|---|---|",
        };
        foreach (var g in runs.GroupBy(r => r.Label))
        {
            var list = g.ToList();
            double steps = list.Sum(r => r.StepsRun);
            var wall = list.Sum(r => r.WallSeconds);
            var cpu = ThreadCpu.Roles.Select(role => list.Sum(r => r.CpuSeconds.GetValueOrDefault(role))).ToArray();
            var pre = ThreadCpu.Roles.Take(4).Select(role => list.Sum(r => r.Preemptions.GetValueOrDefault(role)) / System.Math.Max(1, steps));
            lines.Add($"| {g.Key} | {steps:F0} | {F(1000 * wall / steps)} | " + string.Join(" | ", cpu.Select(c => F(1000 * c / steps))) +
                $" | {F(100 * cpu.Sum() / (wall * Environment.ProcessorCount), "F0")}% | {string.Join(", ", pre.Select(x => F(x, "F1")))} | " +
                $"{F(list.Min(r => System.Math.Min(r.LoadBefore, r.LoadAfter)), "F1")}–{F(list.Max(r => System.Math.Max(r.LoadBefore, r.LoadAfter)), "F1")} |");
        }
        return string.Join("\n", lines);
    }

    private static double Median(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return present.Count == 0 ? double.NaN : Samples.Of(present).Median;
    }

    private static (List<string> Positional, string[] Sets, int? Nice, int? BlockWorkers) Split(string[] args)
    {
        var positional = new List<string>();
        var sets = new List<string>();
        int? nice = null;
        int? blockWorkers = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--set" && i + 1 < args.Length)
                sets.Add(args[++i]);
            else if (args[i] == "--nice-roots" && i + 1 < args.Length)
                nice = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--block-workers" && i + 1 < args.Length)
                blockWorkers = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else
                positional.Add(args[i]);
        }
        return (positional, sets.ToArray(), nice, blockWorkers);
    }

    private static int Int(List<string> positional, int index, int fallback) =>
        positional.Count > index ? int.Parse(positional[index], CultureInfo.InvariantCulture) : fallback;
}
