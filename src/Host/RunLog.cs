using ShampooActors.Math.Models;
using ShampooActors.Math.Training;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>What a run measured, accumulated step by step and turned into the summary at the end.</summary>
internal sealed class RunLog(double targetLoss, RootsMonitor? roots = null)
{
    private readonly Samples _stepMs = new();
    private readonly Samples _optimizerMs = new();
    private MetricsLine? _lastInterval;
    private Evaluation? _final;

    public long Steps { get; private set; }
    public long? StepsToTarget { get; private set; }
    public double? SecondsToTarget { get; private set; }
    public double WallSeconds { get; set; }
    /// <summary>"completed", "interrupted" or "diverged".</summary>
    public string Outcome { get; private set; } = "completed";

    /// <summary>Why the run stopped early, or null.</summary>
    public string? StopReason { get; private set; }

    public bool Completed => StopReason is null;

    public void Stop(string outcome, string reason)
    {
        Outcome = outcome;
        StopReason = reason;
    }

    /// <summary>The Shampoo roots monitor, or null for other optimizers.</summary>
    public RootsMonitor? Roots => roots;

    public void Add(StepResult step)
    {
        roots?.Observe();
        Steps = step.Step;
        _stepMs.Add(step.StepMilliseconds);
        _optimizerMs.Add(step.OptimizerMilliseconds);
    }

    /// <summary>
    /// Takes over what a resumed run measured up to its checkpoint at <paramref name="step"/>: the kept metrics lines fix the
    /// time to target and the last interval, and the test evaluation on a line at <paramref name="finalStep"/> (a completed run
    /// resumed with nothing left to do) is the final one. Step and optimizer times are those of the steps run since.
    /// </summary>
    public void Replay(IReadOnlyList<MetricsLine> lines, long step, long finalStep)
    {
        Steps = step;
        foreach (var line in lines)
            AddInterval(line, line.Step == finalStep && line.TestLoss is { } loss ? new Evaluation(loss, line.TestAccuracy) : null);
    }

    /// <summary>Records a log interval; the first whose mean loss is under the target fixes the time to target.</summary>
    public void AddInterval(MetricsLine line, Evaluation? final = null)
    {
        _lastInterval = line;
        _final = final ?? _final;
        if (StepsToTarget is null && line.TrainLoss < targetLoss)
        {
            StepsToTarget = line.Step;
            SecondsToTarget = line.WallSeconds;
        }
    }

    /// <summary>
    /// The summary of the run, with the test evaluation of its last step when it completed; <paramref name="optimizerOptions"/>
    /// are the hyperparameters in effect, defaults included.
    /// </summary>
    public RunSummary Summarize(Workload workload, JobSettings settings, object optimizerOptions, Actors.Training.PreconditioningTotals? preconditioning = null,
        Actors.Cluster.ClusterTotals? cluster = null) => new(
        workload.Name, settings.Optimizer.Kind, Steps, _lastInterval?.TrainLoss, _final?.Loss, _final?.Accuracy,
        targetLoss, StepsToTarget, SecondsToTarget, WallSeconds,
        _stepMs.Median, _stepMs.P10, _optimizerMs.Median,
        Outcome, StopReason, settings, optimizerOptions, roots?.Summarize(), preconditioning, cluster);
}
