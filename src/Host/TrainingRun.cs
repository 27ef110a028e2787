using System.Diagnostics;
using System.Globalization;
using ShampooActors.Math.Data;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Models;
using ShampooActors.Math.Native;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Host;

/// <summary>
/// One <c>train</c> invocation: checks the options, loads the data, trains, and keeps the run folder up to date
/// (metrics per log interval, then the summary, also when interrupted or diverged).
/// </summary>
internal sealed class TrainingRun(TrainOptions options, ProgressDisplay display, TextWriter output)
{
    /// <summary>Exit code of a run stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Exit code of a run whose loss stopped being finite.</summary>
    public const int DivergedExitCode = 3;

    /// <summary>Trains and returns the process exit code; user mistakes surface as <see cref="UsageException"/>.</summary>
    public int Execute(CancellationToken cancel)
    {
        var workload = Workload.Find(options.Workload)
            ?? throw new UsageException($"--workload {options.Workload} is unknown; choose one of {string.Join(", ", Workload.All.Select(w => w.Name))}");
        var steps = options.Steps ?? workload.Steps;
        var batchSize = options.BatchSize ?? workload.BatchSize;
        if (steps < 1) throw new UsageException($"--steps must be at least 1, got {steps}");
        if (batchSize < 1) throw new UsageException($"--batch-size must be at least 1, got {batchSize}");
        if (options.LogEvery < 1) throw new UsageException($"--log-every must be at least 1, got {options.LogEvery}");
        if (options.Threads is < 1) throw new UsageException($"--threads must be at least 1, got {options.Threads}");

        var model = workload.CreateModel(new Math.SplitMix64(options.Seed));
        Optimizer optimizer;
        LrScheduler scheduler;
        try
        {
            optimizer = OptimizerFactory.Create(options, model.Parameters());
            scheduler = new LrScheduler(optimizer, OptimizerFactory.Schedule(options, steps));
        }
        catch (InvalidOptionsException e)
        {
            throw new UsageException($"{OptimizerFactory.FlagOf(options.Optimizer, e.Option)}: {e.Message}", e);
        }

        NativeLibraries.EnsureLoaded();
        var data = FashionMnist.Load(options.DataDir);
        if (batchSize > data.Train.Count)
            throw new UsageException($"--batch-size {batchSize} is larger than the training set ({data.Train.Count} examples)");
        if (options.Threads is { } threads)
            Blas.Threads = threads;

        var outDir = options.Out ?? Path.Combine("runs",
            $"{workload.Name}-{options.Optimizer}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        using var run = RunDirectory.Create(outDir);
        var trainer = new Trainer(workload, model, optimizer, new BatchLoader(data.Train, batchSize, options.DataSeed), scheduler);
        var outcome = display.Run($"{workload.Name} {options.Optimizer}", steps, report => Train(trainer, optimizer, steps, batchSize, workload, run, report, cancel));

        var evaluation = outcome.Completed ? workload.Evaluate(model, data.Test) : (Evaluation?)null;
        var summary = outcome.Summarize(workload, options with { Steps = steps, BatchSize = batchSize }, optimizer.Defaults, evaluation);
        run.WriteSummary(summary);
        output.WriteLine(Describe(summary, run.Path));
        return outcome.Outcome switch
        {
            "interrupted" => InterruptedExitCode,
            "diverged" => DivergedExitCode,
            _ => 0,
        };
    }

    private RunLog Train(Trainer trainer, Optimizer optimizer, long steps, int batchSize, Workload workload, RunDirectory run,
        Action<ProgressUpdate> report, CancellationToken cancel)
    {
        var log = new RunLog(workload.TargetLoss, optimizer is Shampoo shampoo ? new RootsMonitor(shampoo) : null);
        var clock = Stopwatch.StartNew();
        var interval = new List<StepResult>(options.LogEvery);
        var intervalStart = 0.0;
        while (trainer.Step < steps)
        {
            if (cancel.IsCancellationRequested)
            {
                log.Stop("interrupted", "interrupted by Ctrl+C");
                break;
            }
            var result = trainer.RunStep();
            log.Add(result);
            interval.Add(result);
            var elapsed = clock.Elapsed.TotalSeconds;
            report(new ProgressUpdate(result.Step, steps, result.Loss, result.Step * batchSize / System.Math.Max(elapsed, 1e-9)));
            if (!float.IsFinite(result.Loss))
            {
                log.Stop("diverged", $"diverged: loss {result.Loss} at step {result.Step}; try a lower --lr");
                break;
            }
            if (interval.Count == options.LogEvery)
            {
                FlushInterval(interval, elapsed - intervalStart, elapsed, batchSize, steps, run, log);
                intervalStart = elapsed;
            }
        }
        if (interval.Count > 0)
            FlushInterval(interval, clock.Elapsed.TotalSeconds - intervalStart, clock.Elapsed.TotalSeconds, batchSize, steps, run, log);
        log.WallSeconds = clock.Elapsed.TotalSeconds;
        return log;
    }

    /// <summary>The one-line account of a finished run.</summary>
    private static string Describe(RunSummary s, string path)
    {
        var parts = new List<string> { $"{s.Steps} steps in {s.WallSeconds:F1} s" };
        if (s.FinalTrainLoss is { } train) parts.Add($"train loss {train:F4}");
        if (s.TestLoss is { } test) parts.Add($"test loss {test:F4}");
        if (s.TestAccuracy is { } accuracy) parts.Add($"test accuracy {accuracy:F4}");
        return string.Create(CultureInfo.InvariantCulture, $"{s.StopReason ?? "done"}: {string.Join(", ", parts)} → {path}");
    }

    /// <summary>Writes the interval's metrics line (also a partial interval at the end of a run) and starts a new one.</summary>
    private void FlushInterval(List<StepResult> interval, double seconds, double elapsed, int batchSize, long steps, RunDirectory run, RunLog log)
    {
        var line = new MetricsLine(interval[^1].Step, interval.Average(r => (double)r.Loss), elapsed,
            Samples.Of(interval.Select(r => r.StepMilliseconds)).Median, Samples.Of(interval.Select(r => r.OptimizerMilliseconds)).Median,
            interval.Count * batchSize / System.Math.Max(seconds, 1e-9), interval[^1].LearningRate,
            log.Roots?.TakeIntervalMax());
        run.AppendMetrics(line);
        log.AddInterval(line);
        display.Log(line, steps);
        interval.Clear();
    }

    /// <summary>The command-line flag of an options-record property: <c>WeightDecay</c> → <c>weight-decay</c>.</summary>
    internal static string Flag(string property) =>
        string.Concat(property.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
