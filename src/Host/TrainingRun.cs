using System.Globalization;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Native;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;
using ShampooActors.Configuration;
using ShampooActors.Host.Checkpoints;
using ShampooActors.Host.Reports;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>
/// One <c>train</c> invocation: checks the options, loads the data, runs the job through the orchestrator (a
/// <see cref="JobActor"/> in an actor system configured by the job's <c>actors</c> section) and keeps the run folder up to
/// date (metrics per log interval, then the summary, also when interrupted or diverged).
/// </summary>
internal sealed class TrainingRun(JobSettings settings, Config config, string? outDir, ProgressDisplay display, TextWriter output)
{
    /// <summary>Exit code of a run stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Exit code of a run whose loss stopped being finite.</summary>
    public const int DivergedExitCode = 3;

    /// <summary>Exit code of a run that failed inside training (the message says why).</summary>
    public const int FailedExitCode = 1;

    private readonly Workload _workload = settings.Workload.Definition;
    private readonly TrainingSettings _training = settings.Training;

    /// <summary>Trains and returns the process exit code; user mistakes surface as <see cref="UsageException"/>. Cancelling <paramref name="cancel"/> runs the coordinated shutdown.</summary>
    public int Execute(CancellationToken cancel)
    {
        NativeLibraries.EnsureLoaded();
        var data = FashionMnist.Load(settings.Workload.DataDir);
        if (_training.BatchSize > data.Train.Count)
            throw new UsageException($"training.batch-size {_training.BatchSize} is larger than the training set ({data.Train.Count} examples)");
        if (_training.Threads is { } threads)
            Blas.Threads = threads;

        var folder = outDir ?? Path.Combine("runs",
            $"{_workload.Name}-{settings.Optimizer.Kind}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        using var run = RunDirectory.Create(folder);
        run.WriteConfig(config.Render(origins: true));
        var checkpoints = new CheckpointStore(Path.Combine(run.Path, "checkpoints"), settings.Checkpoints.Keep);
        var metrics = new PreconditioningMetrics();
        RunObserver? observer = null;
        var finished = display.Run($"{_workload.Name} {settings.Optimizer.Kind}", _training.Steps, report =>
        {
            observer = new RunObserver(settings, run, checkpoints, data.Test, metrics, report, display);
            return Orchestrate(Job(data.Train, observer), metrics, observer, cancel);
        });
        observer!.Finish(finished);

        var summary = observer.Log.Summarize(_workload, settings, settings.Optimizer.Options,
            settings.Optimizer.Options is ShampooOptions && settings.Preconditioning.Mode == PreconditioningMode.Async ? metrics.Totals() : null);
        run.WriteSummary(summary);
        if (settings.Logging.Report)
            RunReport.Write(run.Path);
        output.WriteLine(Describe(summary, run.Path));
        return finished.Outcome switch
        {
            "interrupted" => InterruptedExitCode,
            "diverged" => DivergedExitCode,
            "failed" => FailedExitCode,
            _ => 0,
        };
    }

    /// <summary>The job: one replica per accelerator over the same initial model, each drawing its shard of every batch.</summary>
    private TrainingJob Job(ImageDataset train, RunObserver observer)
    {
        var replicas = _training.Accelerators;
        return new TrainingJob(replicas, rank =>
        {
            var model = _workload.CreateModel(new Math.SplitMix64(settings.Model.Seed));
            var optimizer = OptimizerFactory.Create(settings.Optimizer, model.Parameters());
            var scheduler = new LrScheduler(optimizer, settings.Optimizer.Schedule.Create());
            var loader = new BatchLoader(train, _training.BatchSize, _training.DataSeed, rank, replicas);
            return new Replica(model, optimizer, scheduler, loader, new Trainer(_workload, model, optimizer, loader, scheduler));
        }, _training.Steps, settings.Preconditioning, settings.Checkpoints.Every, observer, new TrainingServices());
    }

    /// <summary>Runs <paramref name="job"/> in its own actor system until it finishes; a cancellation runs the coordinated shutdown, which stops training at a step boundary with a checkpoint.</summary>
    private JobFinished Orchestrate(TrainingJob job, PreconditioningMetrics metrics, RunObserver observer, CancellationToken cancel)
    {
        var system = ActorSystem.Create("shampoo-actors", config);
        try
        {
            var actor = system.ActorOf(JobActor.Props(job, metrics), "job");
            observer.Start();
            var finished = actor.Ask<JobFinished>(StartTraining.Instance);
            using (cancel.Register(() => CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ProcessExitReason.Instance)))
                return finished.GetAwaiter().GetResult();
        }
        finally
        {
            system.Terminate().GetAwaiter().GetResult();
        }
    }

    /// <summary>The one-line account of a finished run.</summary>
    private static string Describe(RunSummary s, string path)
    {
        var parts = new List<string> { $"{s.Steps} steps in {s.WallSeconds:F1} s" };
        if (s.FinalTrainLoss is { } train) parts.Add($"train loss {train:F4}");
        if (s.TestLoss is { } test) parts.Add($"test loss {test:F4}");
        if (s.TestAccuracy is { } accuracy) parts.Add($"test accuracy {accuracy:F4}");
        if (s.Roots is { } roots && roots.Staleness.Count > 0) parts.Add($"staleness ≤ {roots.Staleness.Max(b => b.Max)}");
        return string.Create(CultureInfo.InvariantCulture, $"{s.StopReason ?? "done"}: {string.Join(", ", parts)} → {path}");
    }
}
