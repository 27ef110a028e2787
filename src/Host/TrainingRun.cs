using System.Globalization;
using ShampooActors.Math.Data;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Models;
using ShampooActors.Math.Native;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;
using ShampooActors.Configuration;
using ShampooActors.Host.Checkpoints;
using ShampooActors.Host.Reports;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>
/// One <c>train</c> invocation: checks the options, loads the data, trains (a new run, or with <see cref="ResumeFrom"/> one
/// continued from its checkpoint), and keeps the run folder up to date (metrics per log interval, then the summary, also when
/// interrupted or diverged).
/// </summary>
internal sealed class TrainingRun(JobSettings settings, Config config, string? outDir, ProgressDisplay display, TextWriter output)
{
    /// <summary>Exit code of a run stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Exit code of a run whose loss stopped being finite.</summary>
    public const int DivergedExitCode = 3;

    private readonly Workload _workload = settings.Workload.Definition;
    private readonly TrainingSettings _training = settings.Training;
    private readonly LoggingSettings _logging = settings.Logging;
    private ImageDataset? _test;

    /// <summary>The run folder to continue (<c>train --resume</c>) instead of starting a new run; null: a new run.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Where a resumed run reports the checkpoints it refused.</summary>
    public TextWriter Error { get; init; } = TextWriter.Null;

    /// <summary>Trains and returns the process exit code; user mistakes surface as <see cref="UsageException"/>.</summary>
    public int Execute(CancellationToken cancel)
    {
        NativeLibraries.EnsureLoaded();
        var data = FashionMnist.Load(settings.Workload.DataDir);
        _test = data.Test;
        if (_training.BatchSize > data.Train.Count)
            throw new UsageException($"training.batch-size {_training.BatchSize} is larger than the training set ({data.Train.Count} examples)");
        if (_training.Threads is { } threads)
            Blas.Threads = threads;

        var start = ResumeFrom is { } resumed
            ? ResumedRun.Open(resumed, () => NewState(data.Train), config, settings, Error)
            : StartNew(NewState(data.Train));
        using var run = start.Run;
        var state = start.State;
        var trainer = new Trainer(_workload, state.Model, state.Optimizer, state.Loader, state.Scheduler) { Step = start.Step };
        var outcome = display.Run($"{_workload.Name} {settings.Optimizer.Kind}", _training.Steps,
            report => Train(trainer, state, run, start, report, cancel));

        var summary = outcome.Summarize(_workload, settings, state.Optimizer.Defaults);
        run.WriteSummary(summary);
        if (_logging.Report)
            RunReport.Write(run.Path);
        output.WriteLine(Describe(summary, run.Path));
        return outcome.Outcome switch
        {
            "interrupted" => InterruptedExitCode,
            "diverged" => DivergedExitCode,
            _ => 0,
        };
    }

    /// <summary>The model, optimizer, schedule and data order of the job, as they are before its first step.</summary>
    private TrainingState NewState(ImageDataset train)
    {
        var model = _workload.CreateModel(new Math.SplitMix64(settings.Model.Seed));
        var optimizer = OptimizerFactory.Create(settings.Optimizer, model.Parameters());
        var scheduler = new LrScheduler(optimizer, settings.Optimizer.Schedule.Create());
        return new TrainingState(model, optimizer, scheduler, new BatchLoader(train, _training.BatchSize, _training.DataSeed));
    }

    /// <summary>A new run folder (the one given, or one named after the job and the time) with the resolved config in it.</summary>
    private RunStart StartNew(TrainingState state)
    {
        var folder = outDir ?? Path.Combine("runs",
            $"{_workload.Name}-{settings.Optimizer.Kind}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        var run = RunDirectory.Create(folder);
        run.WriteConfig(config.Render(origins: true));
        return RunStart.Fresh(state, run);
    }

    private RunLog Train(Trainer trainer, TrainingState state, RunDirectory run, RunStart start, Action<ProgressUpdate> report, CancellationToken cancel)
    {
        var steps = _training.Steps;
        var log = new RunLog(_workload.TargetLoss, state.Optimizer is Shampoo shampoo ? new RootsMonitor(shampoo) : null);
        log.Replay(start.Metrics, start.Step, steps);
        var clock = RunClock.StartAt(start.WallSeconds);
        var every = settings.Checkpoints.Every;
        var checkpoints = new CheckpointStore(Path.Combine(run.Path, ResumePoint.Folder), settings.Checkpoints.Keep);
        var savedStep = start.Step;
        var interval = new List<StepResult>(_logging.LogEvery);
        var intervalStart = start.WallSeconds;
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
            var elapsed = clock.Seconds;
            report(new ProgressUpdate(result.Step, steps, result.Loss,
                (result.Step - start.Step) * _training.BatchSize / System.Math.Max(elapsed - start.WallSeconds, 1e-9)));
            if (!float.IsFinite(result.Loss))
            {
                log.Stop("diverged", $"diverged: loss {result.Loss} at step {result.Step}; try a lower learning rate");
                break;
            }
            if (every > 0 && result.Step % every == 0)
                savedStep = Save(checkpoints, state, result.Step, clock);
            if (result.Step % _logging.LogEvery == 0)
            {
                FlushInterval(interval, elapsed - intervalStart, elapsed, trainer, state.Optimizer, clock, run, log);
                intervalStart = elapsed;
            }
        }
        if (interval.Count > 0)
            FlushInterval(interval, clock.Seconds - intervalStart, clock.Seconds, trainer, state.Optimizer, clock, run, log);
        // An interrupted run always saves its last step, so that it can be resumed.
        if ((every > 0 || log.Outcome == "interrupted") && log.Outcome != "diverged" && trainer.Step > savedStep)
            Save(checkpoints, state, trainer.Step, clock);
        log.WallSeconds = clock.Seconds;
        return log;
    }

    /// <summary>Saves a checkpoint with the clock paused, so its time does not count as training time.</summary>
    private static long Save(CheckpointStore checkpoints, TrainingState state, long step, RunClock clock)
    {
        clock.Stop();
        checkpoints.Save(state.Capture(step, clock.Seconds));
        clock.Start();
        return step;
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

    /// <summary>
    /// Writes the interval's metrics line (also a partial interval at the end of a run) and starts a new one. At every eval-every
    /// steps, and at the end of a run that was not stopped, the test set is evaluated with the clock paused, on the weights the
    /// optimizer evaluates (Neumann's w − μm).
    /// </summary>
    private void FlushInterval(List<StepResult> interval, double seconds, double elapsed, Trainer trainer, Optimizer optimizer, RunClock clock,
        RunDirectory run, RunLog log)
    {
        var step = interval[^1].Step;
        var last = step == _training.Steps && float.IsFinite(interval[^1].Loss);
        Evaluation? test = null;
        if (last || (_logging.EvalEvery > 0 && step % _logging.EvalEvery == 0))
        {
            clock.Stop();
            using (optimizer.EvaluationWeights())
                test = _workload.Evaluate(trainer.Model, _test!);
            clock.Start();
        }
        var line = new MetricsLine(step, interval.Average(r => (double)r.Loss), elapsed,
            Samples.Of(interval.Select(r => r.StepMilliseconds)).Median, Samples.Of(interval.Select(r => r.OptimizerMilliseconds)).Median,
            interval.Count * _training.BatchSize / System.Math.Max(seconds, 1e-9), interval[^1].LearningRate,
            log.Roots?.TakeIntervalMax(), test?.Loss, test?.Accuracy);
        run.AppendMetrics(line);
        log.AddInterval(line, last ? test : null);
        display.Log(line, _training.Steps);
        interval.Clear();
    }
}
