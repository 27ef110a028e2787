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
/// One <c>train</c> invocation: checks the options, loads the data, runs the job (a new run, or with <see cref="ResumeFrom"/> one
/// continued from its checkpoint) through the orchestrator (a <see cref="JobActor"/> in an actor system configured by the job's
/// <c>actors</c> section) and keeps the run folder up to date (metrics per log interval, then the summary, also when interrupted
/// or diverged).
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

    /// <summary>The run folder to continue (<c>train --resume</c>) instead of starting a new run; null: a new run.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Where a resumed run reports the checkpoints it refused.</summary>
    public TextWriter Error { get; init; } = TextWriter.Null;

    /// <summary>Trains and returns the process exit code; user mistakes surface as <see cref="UsageException"/>. Cancelling <paramref name="cancel"/> runs the coordinated shutdown.</summary>
    public int Execute(CancellationToken cancel)
    {
        NativeLibraries.EnsureLoaded();
        var data = FashionMnist.Load(settings.Workload.DataDir);
        if (_training.BatchSize > data.Train.Count)
            throw new UsageException($"training.batch-size {_training.BatchSize} is larger than the training set ({data.Train.Count} examples)");
        if (BlasThreads() is { } threads)
            Blas.Threads = threads;

        var folder = ResumeFrom ?? outDir ?? Path.Combine("runs",
            $"{_workload.Name}-{settings.Optimizer.Kind}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        // The broker is connected before the run folder is written: wrong credentials or no broker leave nothing behind.
        using var cluster = settings.Cluster.Enabled ? ClusterLink.Open(settings.Cluster, folder) : null;
        var start = ResumeFrom is { } resumed
            ? ResumedRun.Open(resumed, () => NewState(data.Train, 0), config, settings, Error)
            : StartNew(NewState(data.Train, 0), folder);
        using var run = start.Run;
        var checkpoints = new CheckpointStore(Path.Combine(run.Path, ResumePoint.Folder), settings.Checkpoints.Keep);
        var metrics = new PreconditioningMetrics();
        RunObserver? observer = null;
        var finished = display.Run($"{_workload.Name} {settings.Optimizer.Kind}", _training.Steps, report =>
        {
            observer = new RunObserver(settings, start, checkpoints, data.Test, metrics, cluster?.Metrics, report, display);
            return Orchestrate(Job(data.Train, start, observer, cluster), metrics, start.Step, cancel);
        });
        observer!.Finish(finished);

        var summary = observer.Log.Summarize(_workload, settings, settings.Optimizer.Options,
            settings.Optimizer.Options is ShampooOptions && settings.Preconditioning.Mode == PreconditioningMode.Async ? metrics.Totals() : null,
            cluster?.Metrics.Totals());
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

    /// <summary>
    /// OpenBLAS threads: training.threads, or when it is null and Shampoo's roots are asynchronous, the cores the root workers
    /// leave (at least 1): the training step and the roots then do not fight over the same cores. Null: OpenBLAS's default.
    /// </summary>
    private int? BlasThreads() =>
        _training.Threads ?? (settings.Optimizer.Options is ShampooOptions && settings.Preconditioning.Mode == PreconditioningMode.Async && !settings.Cluster.Enabled
            ? System.Math.Max(1, Environment.ProcessorCount - settings.Preconditioning.Workers)
            : null);

    /// <summary>
    /// The job: one replica per accelerator, each drawing its shard of every batch; replica 0 is the state <paramref name="start"/>
    /// holds (new or restored), the others start as copies of it.
    /// </summary>
    private TrainingJob Job(ImageDataset train, RunStart start, ITrainingObserver observer, ClusterLink? cluster)
    {
        var replicas = _training.Accelerators;
        var initial = start.State.Capture(start.Step);
        return new TrainingJob(replicas, rank =>
        {
            var state = rank == 0 ? start.State : NewState(train, rank);
            if (rank > 0)
                state.Restore(initial);
            var trainer = new Trainer(_workload, state.Model, state.Optimizer, state.Loader, state.Scheduler) { Step = start.Step };
            return new Replica(state.Model, state.Optimizer, state.Scheduler, state.Loader, trainer);
        }, _training.Steps, settings.Preconditioning, settings.Checkpoints.Every, observer,
            new TrainingServices { Preconditioners = cluster is null ? null : cluster.Preconditioners });
    }

    /// <summary>The model, optimizer, schedule and data shard of replica <paramref name="rank"/>, as they are before the first step.</summary>
    private TrainingState NewState(ImageDataset train, int rank)
    {
        var model = _workload.CreateModel(new Math.SplitMix64(settings.Model.Seed));
        var optimizer = OptimizerFactory.Create(settings.Optimizer, model.Parameters());
        var scheduler = new LrScheduler(optimizer, settings.Optimizer.Schedule.Create());
        return new TrainingState(model, optimizer, scheduler, new BatchLoader(train, _training.BatchSize, _training.DataSeed, rank, _training.Accelerators));
    }

    /// <summary>The new run folder <paramref name="folder"/> (the one given, or one named after the job and the time) with the resolved config in it.</summary>
    private RunStart StartNew(TrainingState state, string folder)
    {
        var run = RunDirectory.Create(folder);
        run.WriteConfig(BrokerSettings.Recordable(config).Render(origins: true));
        return RunStart.Fresh(state, run);
    }

    /// <summary>
    /// Runs <paramref name="job"/> in its own actor system until it finishes. A cancellation (Ctrl+C) asks the job to stop: it
    /// ends at the next step boundary, however long the step, with a checkpoint of that step; then the coordinated shutdown
    /// ends the system. A cancellation before the start trains nothing.
    /// </summary>
    private JobFinished Orchestrate(TrainingJob job, PreconditioningMetrics metrics, long startStep, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested)
            return new JobFinished("interrupted", startStep, Interrupted);
        var system = ActorSystem.Create("shampoo-actors", config);
        try
        {
            LogPrinter.Start(system, Error, LogLevel.Warning);
            var actor = system.ActorOf(JobActor.Props(job, metrics), "job");
            var finished = actor.Ask<JobFinished>(StartTraining.Instance, Timeout.InfiniteTimeSpan);
            using (cancel.Register(() => actor.Tell(new StopTraining(Interrupted), ActorRefs.NoSender)))
                Task.WhenAny(finished, system.WhenTerminated).GetAwaiter().GetResult();
            return finished.IsCompletedSuccessfully ? finished.Result
                : new JobFinished("failed", startStep, "the actor system stopped before the job finished");
        }
        finally
        {
            system.Terminate().GetAwaiter().GetResult();
        }
    }

    private const string Interrupted = "interrupted by Ctrl+C";

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
