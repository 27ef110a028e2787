namespace ShampooActors.Host;

/// <summary>One line of <c>metrics.jsonl</c>: the log interval ending at <see cref="Step"/>.</summary>
internal sealed record MetricsLine(
    long Step,
    double TrainLoss,
    double WallSeconds,
    double StepMs,
    double OptimizerMs,
    double ExamplesPerSecond,
    double Lr);

/// <summary>The content of <c>summary.json</c>.</summary>
internal sealed record RunSummary(
    string Workload,
    string Optimizer,
    long Steps,
    double? FinalTrainLoss,
    double? TestLoss,
    double? TestAccuracy,
    double TargetLoss,
    long? StepsToTarget,
    double? WallSecondsToTarget,
    double WallSeconds,
    double MedianStepMs,
    double P10StepMs,
    double MedianOptimizerMs,
    string Outcome,
    string? StopReason,
    TrainOptions Options,
    object OptimizerOptions);
