using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>
/// One line of <c>metrics.jsonl</c>: the log interval ending at <see cref="Step"/>. For Shampoo, <see cref="MaxStaleness"/> is the
/// largest staleness of any block at any step of the interval, <see cref="BlockStaleness"/> the largest per block,
/// <see cref="RootVersions"/> the version each block used at the interval's end and <see cref="WaitMs"/> the time the staleness
/// policy held steps; with asynchronous roots also the most blocks queued for a worker, the median milliseconds of a block's
/// computation and the computations that ended; on the cluster also the hosts alive, the blocks with a snapshot in flight, the
/// median round trip (snapshot sent → root adopted) and whether the trainer computed roots itself. Test metrics are there on the
/// lines where the test set was evaluated.
/// </summary>
internal sealed record MetricsLine(
    long Step,
    double TrainLoss,
    double WallSeconds,
    double StepMs,
    double OptimizerMs,
    double ExamplesPerSecond,
    double Lr,
    long? MaxStaleness = null,
    double? TestLoss = null,
    double? TestAccuracy = null,
    IReadOnlyList<long>? BlockStaleness = null,
    IReadOnlyList<long>? RootVersions = null,
    int? QueueDepth = null,
    double? RootMs = null,
    int? RootComputations = null,
    double? WaitMs = null,
    int? HostsAlive = null,
    int? InFlight = null,
    double? RoundTripMs = null,
    bool? LocalRoots = null);

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
    JobSettings Settings,
    object OptimizerOptions,
    RootsSummary? Roots = null,
    Actors.Training.PreconditioningTotals? Preconditioning = null,
    Actors.Cluster.ClusterTotals? Cluster = null);

/// <summary>
/// The <c>roots</c> object of a Shampoo run's summary: factor roots computed and rejected, block roots adopted or not,
/// statistics updates skipped for a non-finite gradient, the largest accepted residual, the median milliseconds of one
/// factor root by factor size, and every block's staleness.
/// </summary>
internal sealed record RootsSummary(
    long Count,
    long Failures,
    long Adopted,
    long NotAdopted,
    long SkippedStatisticsUpdates,
    double MaxResidual,
    IReadOnlyDictionary<int, double> MedianMsBySize,
    IReadOnlyList<BlockStaleness> Staleness);

/// <summary>One block's staleness (steps since the version of the roots it uses): at the end of the run, and the largest seen after any step.</summary>
internal sealed record BlockStaleness(int Block, int Parameter, IReadOnlyList<int> FactorSizes, long Final, long Max);
