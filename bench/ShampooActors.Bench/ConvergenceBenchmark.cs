using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// Convergence of the BENCHMARKS.md workloads over their learning-rate grids: each run trains a fresh model (init seed 0,
/// data order seed 0) for the workload's step budget in-process with <see cref="Trainer"/>, logs the mean of the last 50
/// training losses every 50 steps, reads the steps (and wall seconds) to each train-loss target off that curve, and
/// evaluates on the test set (with the weights the optimizer evaluates, see <see cref="Optimizer.EvaluationWeights"/>) at the end.
/// The Shampoo grid on W1 adds one run of its best configuration with roots computed outside the optimizer and adopted late,
/// a simulation of asynchronous staleness.
/// </summary>
public static class ConvergenceBenchmark
{
    /// <summary>Steps between loss log points, and the window of the logged mean (BENCHMARKS.md).</summary>
    public const int LogEvery = 50;

    /// <summary>In the staleness run, roots of the snapshot taken at step s are first used at step s + this.</summary>
    public const int StaleDelay = 5;

    /// <summary>
    /// One log point: the step, the mean of the last 50 training losses, the loop's wall seconds so far, and of those the
    /// seconds spent computing roots outside the optimizer (external mode only; inline roots are inside the step).
    /// </summary>
    public sealed record Point(int Step, double Loss, double Seconds, double ExternalRootSeconds);

    /// <summary>
    /// Steps and wall seconds to a train-loss target (null when the curve never went below it), and the wall seconds less
    /// the external root computation up to then (what the training thread spent when the roots are computed elsewhere).
    /// </summary>
    public sealed record TargetHit(double Target, int? Step, double? Seconds, double? SecondsLessExternalRoots);

    /// <summary>One training run.</summary>
    public sealed record Run(string Workload, string Optimizer, string Label, double Lr, string RootMode, int StepsRun,
        bool Diverged, int? DivergedAtStep, IReadOnlyList<TargetHit> Targets, double? FinalLoss, double? TestLoss,
        double? TestAccuracy, double WallSeconds, double RootComputeSeconds, double StepP10Ms, double StepMedianMs,
        double OptimizerMedianMs, RootSummary? Roots, IReadOnlyList<Point> Curve)
    {
        /// <summary>Steps to the workload's final (last) target.</summary>
        public int? StepsToFinalTarget => Targets[^1].Step;

        /// <summary>Wall seconds to the workload's final (last) target.</summary>
        public double? SecondsToFinalTarget => Targets[^1].Seconds;
    }

    /// <summary>What happened to a Shampoo run's roots.</summary>
    public sealed record RootSummary(long Computed, long Failures, long Adopted, long NotAdopted, double MaxResidual, long SkippedStatisticsUpdates);

    /// <summary>The best run of one optimizer (runs grouped by label, so the staleness run stands alone) and its ratios to the best Adam run.</summary>
    public sealed record Best(string Optimizer, Run Run, IReadOnlyList<double?> StepRatiosToAdam, double? WallRatioToAdamAtFinalTarget,
        double? WallRatioLessExternalRootsToAdamAtFinalTarget);

    /// <summary>A workload's runs, the best per optimizer and the ratios against the best Adam run.</summary>
    public sealed record Result(string Workload, IReadOnlyList<double> Targets, int Steps, IReadOnlyList<Run> Runs, IReadOnlyList<Best> Best);

    /// <summary>A run to make: its optimizer name, how to build the optimizer, and whether roots are adopted late.</summary>
    private sealed record Spec(string Optimizer, double Lr, Func<Module, Optimizer> Create, bool Stale = false);

    /// <summary>The train-loss targets of <paramref name="workload"/>: an intermediate one, then the workload's own.</summary>
    public static double[] TargetsOf(Workload workload) => workload.Name switch
    {
        "fmnist-mlp" => [0.35, workload.TargetLoss],
        "fmnist-autoencoder" => [240, workload.TargetLoss],
        _ => [workload.TargetLoss],
    };

    /// <summary>The grids this benchmark runs: Shampoo against Adam, and SONew and Neumann against Adam.</summary>
    public static readonly string[] Grids = ["shampoo", "sonew-neumann"];

    /// <summary>
    /// Runs <paramref name="grid"/> on <paramref name="workload"/> (the learning-rate grids of BENCHMARKS.md, Adam's always
    /// included for the ratios). <paramref name="checkpoint"/> is called with the runs so far after every run, so that a long
    /// run that is cut short leaves its finished runs behind.
    /// </summary>
    public static Result RunWorkload(Workload workload, FashionMnist data, string grid, Action<IReadOnlyList<Run>>? checkpoint = null, int? steps = null)
    {
        var budget = steps ?? workload.Steps;
        var isMlp = workload is FashionMnistMlp;
        var specs = new List<Spec> { AdamSpec(1e-3), AdamSpec(3e-3) };
        specs.AddRange(grid switch
        {
            "shampoo" => ShampooGrid(isMlp),
            "sonew-neumann" => SoNewNeumannGrid(isMlp),
            _ => throw new ArgumentException($"unknown grid '{grid}'", nameof(grid)),
        });

        var targets = TargetsOf(workload);
        var runs = new List<Run>();
        foreach (var spec in specs)
        {
            runs.Add(Train(workload, data, spec, targets, budget));
            checkpoint?.Invoke(runs);
        }

        if (grid == "shampoo" && isMlp)
        {
            // The staleness run repeats the best Shampoo configuration of the grid above with roots adopted late.
            var bestShampoo = Rank(runs.Where(r => r.Optimizer.StartsWith("shampoo", StringComparison.Ordinal))).First();
            var kind = bestShampoo.Optimizer.Contains("sgd", StringComparison.Ordinal) ? GraftingKind.Sgd : GraftingKind.Adagrad;
            runs.Add(Train(workload, data, ShampooSpec(kind, bestShampoo.Lr) with { Stale = true }, targets, budget));
            checkpoint?.Invoke(runs);
        }

        return new Result(workload.Name, targets, budget, runs, PickBest(runs));
    }

    private static IEnumerable<Spec> ShampooGrid(bool isMlp)
    {
        foreach (var lr in new[] { 3e-4, 1e-3, 3e-3 })
            yield return ShampooSpec(GraftingKind.Adagrad, lr);
        if (!isMlp)
            yield break;
        foreach (var lr in new[] { 0.02, 0.05, 0.1 })
            yield return ShampooSpec(GraftingKind.Sgd, lr);
    }

    private static IEnumerable<Spec> SoNewNeumannGrid(bool isMlp)
    {
        foreach (var lr in new[] { 1e-3, 3e-3 })
            yield return new Spec("sonew, tridiagonal", lr, m => new SoNew(m.Parameters(), new SoNewOptions { Lr = lr }));
        foreach (var lr in new[] { 1e-3, 3e-3 })
        {
            yield return new Spec("sonew, banded b = 4", lr,
                m => new SoNew(m.Parameters(), new SoNewOptions { Lr = lr, Structure = SoNewStructure.Banded, Band = 4 }));
        }
        // Outside the BENCHMARKS.md grid, labelled apart: the damping's effect (the default 1e-8 lets near-constant inputs'
        // coordinates take most of the grafted step early on).
        foreach (var lr in new[] { 1e-3, 3e-3 })
            yield return new Spec("sonew, tridiagonal, ε 1e-4", lr, m => new SoNew(m.Parameters(), new SoNewOptions { Lr = lr, Epsilon = 1e-4 }));
        foreach (var lr in new[] { 0.01, 0.03, 0.1 })
            yield return new Spec("neumann", lr, m => new Neumann(m.Parameters(), new NeumannOptions { Lr = lr }));
        if (isMlp)
            yield break;
        // W2's loss is summed over 784 pixels, so its gradients are ~784× larger and the grid's rates overshoot from the
        // SGD warm-up on (as SGD at 0.05 diverges there); lower rates, labelled apart, find where Neumann works.
        foreach (var lr in new[] { 3e-4, 1e-3, 3e-3 })
            yield return new Spec("neumann, below the grid", lr, m => new Neumann(m.Parameters(), new NeumannOptions { Lr = lr }));
    }

    /// <summary>The best run per optimizer (fewest steps to the final target, ties by final loss), with ratios to the best Adam.</summary>
    public static IReadOnlyList<Best> PickBest(IReadOnlyList<Run> runs)
    {
        var groups = runs.GroupBy(r => r.Label).Select(g => (g.Key, Run: Rank(g).First())).ToList();
        var adam = groups.FirstOrDefault(g => g.Key == "adam").Run;
        return groups.Select(g => new Best(g.Key, g.Run,
            g.Run.Targets.Select((t, i) => adam is null ? null : Ratio(t.Step, adam.Targets[i].Step)).ToList(),
            adam is null ? null : Ratio(g.Run.SecondsToFinalTarget, adam.SecondsToFinalTarget),
            adam is null || g.Run.RootComputeSeconds == 0 ? null : Ratio(g.Run.Targets[^1].SecondsLessExternalRoots, adam.SecondsToFinalTarget))).ToList();
    }

    /// <summary>
    /// Runs ordered best first: not diverged, then fewest steps to the final target (a run that never reaches it after
    /// every run that does), then the lowest final loss.
    /// </summary>
    public static IEnumerable<Run> Rank(IEnumerable<Run> runs) => runs
        .OrderBy(r => r.Diverged)
        .ThenBy(r => r.StepsToFinalTarget ?? int.MaxValue)
        .ThenBy(r => r.FinalLoss ?? double.PositiveInfinity);

    private static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;

    private static Spec AdamSpec(double lr) => new("adam", lr, m => new Adam(m.Parameters(), new AdamOptions { Lr = lr }));

    private static Spec ShampooSpec(GraftingKind kind, double lr) => new(
        kind == GraftingKind.Sgd ? "shampoo, sgd graft" : "shampoo, adagrad graft", lr,
        m => new Shampoo(m.Parameters(), new ShampooOptions { Lr = lr, Grafting = new GraftingOptions { Kind = kind } }));

    private static Run Train(Workload workload, FashionMnist data, Spec spec, double[] targets, int budget)
    {
        var model = workload.CreateModel(new SplitMix64(0));
        var optimizer = spec.Create(model);
        var shampoo = optimizer as Shampoo;
        if (spec.Stale)
            shampoo!.Mode = RootComputation.External;
        var rootMode = shampoo is null ? "—" : spec.Stale ? $"external, adopted {StaleDelay} steps late" : "synchronous";
        var label = spec.Stale ? $"{spec.Optimizer}, roots {StaleDelay} steps stale" : spec.Optimizer;
        var trainer = new Trainer(workload, model, optimizer, new BatchLoader(data.Train, workload.BatchSize));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{workload.Name}] {label}, lr {spec.Lr:G3}: training {budget} steps"));

        var window = new double[LogEvery];
        var curve = new List<Point>();
        var hits = new (int? Step, double? Seconds, double? LessRoots)[targets.Length];
        Samples steps = new(), optimizerMs = new();
        // Staleness simulation: roots computed from the snapshot taken at step s wait here until step s + delay − 1 has run.
        var waiting = new Queue<(long AdoptAfter, BlockRoots Roots)>();
        long rootTicks = 0;
        int? divergedAt = null;
        var progressEvery = System.Math.Max(LogEvery, budget / 4 / LogEvery * LogEvery);

        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < budget; i++)
        {
            var step = trainer.RunStep();
            steps.Add(step.StepMilliseconds);
            optimizerMs.Add(step.OptimizerMilliseconds);
            if (spec.Stale)
            {
                var rootStart = Stopwatch.GetTimestamp();
                foreach (var snapshot in shampoo!.TakeSnapshots())
                    waiting.Enqueue((snapshot.Version + StaleDelay - 1, ShampooRoots.Compute(snapshot)));
                while (waiting.Count > 0 && waiting.Peek().AdoptAfter <= step.Step)
                    shampoo.TryAdoptRoots(waiting.Dequeue().Roots);
                rootTicks += Stopwatch.GetTimestamp() - rootStart;
            }
            if (!float.IsFinite(step.Loss))
            {
                divergedAt = (int)step.Step;
                Console.WriteLine($"[{workload.Name}] {label}: loss {step.Loss} at step {step.Step}: diverged, run stopped");
                break;
            }
            window[i % LogEvery] = step.Loss;
            if (step.Step % LogEvery != 0)
                continue;
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var mean = window.Average();
            var rootSeconds = (double)rootTicks / Stopwatch.Frequency;
            curve.Add(new Point((int)step.Step, mean, seconds, rootSeconds));
            for (var t = 0; t < targets.Length; t++)
            {
                if (hits[t].Step is null && mean < targets[t])
                    hits[t] = ((int)step.Step, seconds, seconds - rootSeconds);
            }
            if (step.Step % progressEvery == 0)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  step {step.Step}: loss(50) {mean:G5}, {seconds:F1} s"));
        }
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;

        Evaluation? test = null;
        if (divergedAt is null)
        {
            using var weights = optimizer.EvaluationWeights();
            test = workload.Evaluate(model, data.Test);
        }
        var roots = shampoo?.RootStatistics is { } s
            ? new RootSummary(s.Computed, s.Failures, s.Adopted, s.NotAdopted, s.MaxResidual, s.SkippedStatisticsUpdates)
            : null;
        var run = new Run(workload.Name, spec.Optimizer, label, spec.Lr, rootMode, (int)trainer.Step, divergedAt is not null, divergedAt,
            targets.Select((t, k) => new TargetHit(t, hits[k].Step, hits[k].Seconds, hits[k].LessRoots)).ToList(),
            divergedAt is null && curve.Count > 0 ? curve[^1].Loss : null, test?.Loss, test?.Accuracy, wall,
            (double)rootTicks / Stopwatch.Frequency, steps.P10, steps.Median, optimizerMs.Median, roots, curve);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  done: final loss {run.FinalLoss:G5}, steps to targets [{string.Join(", ", run.Targets.Select(t => t.Step?.ToString(CultureInfo.InvariantCulture) ?? "—"))}], test loss {run.TestLoss:G5}, acc {run.TestAccuracy:G4}, {wall:F1} s"));
        return run;
    }

    /// <summary>Indented, with NaN and infinities written as strings rather than refused.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="runs"/> so far to <paramref name="path"/> (a checkpoint of a long benchmark).</summary>
    public static void WriteCheckpoint(string path, IReadOnlyList<Run> runs) =>
        File.WriteAllText(path, JsonSerializer.Serialize(runs, Json));
}
