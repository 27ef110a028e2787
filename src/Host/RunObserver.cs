using ShampooActors.Actors.Training;
using ShampooActors.Host.Checkpoints;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>
/// The run folder's side of a training job, called by the leading accelerator between steps: it accumulates the run log,
/// feeds the progress display, writes a metrics line per log interval (with the test evaluation at eval-every steps, clock
/// paused) and saves the checkpoints the job asks for (clock paused too).
/// </summary>
internal sealed class RunObserver(JobSettings settings, RunStart start, CheckpointStore checkpoints, ImageDataset test,
    PreconditioningMetrics preconditioning, Actors.Cluster.ClusterMetrics? cluster, Action<ProgressUpdate> report, ProgressDisplay display) : ITrainingObserver
{
    private readonly Workload _workload = settings.Workload.Definition;
    private readonly TrainingSettings _training = settings.Training;
    private readonly LoggingSettings _logging = settings.Logging;
    private readonly RunDirectory _run = start.Run;
    private readonly List<StepResult> _interval = [];
    // The training clock: running since this observer was made (just before the job starts), from a resumed run's seconds.
    private readonly RunClock _clock = RunClock.StartAt(start.WallSeconds);
    private double _intervalStart = start.WallSeconds;
    private double _intervalWaitMs;
    private Replica? _leader;

    /// <summary>What the run measured (the kept metrics of a resumed run replayed); its roots monitor comes with the first step of a Shampoo run.</summary>
    public RunLog Log { get; private set; } = NewLog(settings, start, null);


    private static RunLog NewLog(JobSettings settings, RunStart start, RootsMonitor? roots)
    {
        var log = new RunLog(settings.Workload.Definition.TargetLoss, roots);
        log.Replay(start.Metrics, start.Step, settings.Training.Steps);
        return log;
    }

    /// <inheritdoc />
    public void StepCompleted(StepReport stepReport, Replica leader)
    {
        if (_leader is null)
        {
            _leader = leader;
            Log = NewLog(settings, start, leader.Optimizer is Shampoo shampoo ? new RootsMonitor(shampoo) : null);
        }
        var result = stepReport.Result;
        Log.Add(result);
        _interval.Add(result);
        _intervalWaitMs += stepReport.Waited.TotalMilliseconds;
        var elapsed = _clock.Seconds;
        report(new ProgressUpdate(result.Step, _training.Steps, result.Loss,
            (result.Step - start.Step) * _training.BatchSize / System.Math.Max(elapsed - start.WallSeconds, 1e-9), Log.Roots?.CurrentMax,
            cluster?.HostsAlive));
        if (result.Step % _logging.LogEvery == 0 || result.Step == _training.Steps)
            Flush(elapsed);
    }

    /// <inheritdoc />
    public void SaveCheckpoint(long step, Replica leader)
    {
        _clock.Stop();
        checkpoints.Save(new TrainingState(leader.Model, leader.Optimizer, leader.Scheduler, leader.Loader).Capture(step, _clock.Seconds));
        _clock.Start();
    }

    /// <summary>Ends the run: flushes a partial interval and stops the clock.</summary>
    public void Finish(JobFinished finished)
    {
        if (finished.Outcome != "completed")
            Log.Stop(finished.Outcome, finished.Reason ?? finished.Outcome);
        if (_interval.Count > 0)
            Flush(_clock.Seconds);
        _clock.Stop();
        Log.WallSeconds = _clock.Seconds;
    }

    /// <summary>
    /// Writes the interval's metrics line (also a partial interval at the end of a run) and starts a new one. At every eval-every
    /// steps, and at the last step, the test set is evaluated with the clock paused, on the weights the optimizer evaluates
    /// (Neumann's w − μm).
    /// </summary>
    private void Flush(double elapsed)
    {
        var seconds = elapsed - _intervalStart;
        var step = _interval[^1].Step;
        var last = step == _training.Steps && float.IsFinite(_interval[^1].Loss);
        Evaluation? evaluation = null;
        if (last || (_logging.EvalEvery > 0 && step % _logging.EvalEvery == 0))
        {
            _clock.Stop();
            using (_leader!.Optimizer.EvaluationWeights())
                evaluation = _workload.Evaluate(_leader.Model, test);
            _clock.Start();
        }
        var roots = Log.Roots;
        var side = roots is not null && settings.Preconditioning.Mode == PreconditioningMode.Async ? preconditioning.TakeInterval() : null;
        var line = new MetricsLine(step, _interval.Average(r => (double)r.Loss), elapsed,
            Samples.Of(_interval.Select(r => r.StepMilliseconds)).Median, Samples.Of(_interval.Select(r => r.OptimizerMilliseconds)).Median,
            _interval.Count * _training.BatchSize / System.Math.Max(seconds, 1e-9), _interval[^1].LearningRate,
            roots?.TakeIntervalMax(), evaluation?.Loss, evaluation?.Accuracy,
            roots?.TakeIntervalBlockMax(), roots?.Versions(), side?.MaxQueueDepth, side is { Computations: > 0 } ? side.MedianComputeMilliseconds : null,
            side?.Computations, roots is null ? null : _intervalWaitMs);
        if (cluster?.TakeInterval() is { } hosts)
            line = line with { HostsAlive = hosts.HostsAlive, InFlight = hosts.InFlight, RoundTripMs = hosts.MedianRoundTripMilliseconds, LocalRoots = hosts.Local };
        _run.AppendMetrics(line);
        Log.AddInterval(line, last ? evaluation : null);
        display.Log(line, _training.Steps);
        _interval.Clear();
        _intervalStart = elapsed;
        _intervalWaitMs = 0;
    }
}
