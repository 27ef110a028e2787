using ShampooActors.Math.Data;

namespace ShampooActors.Host;

/// <summary>Everything the <c>train</c> command was asked to do; null means "the workload's or optimizer's default".</summary>
internal sealed record TrainOptions
{
    public string Workload { get; init; } = "fmnist-mlp";
    public string Optimizer { get; init; } = "adam";
    public double? Lr { get; init; }
    public double? Momentum { get; init; }
    public double? Dampening { get; init; }
    public bool? Nesterov { get; init; }
    public double? Beta1 { get; init; }
    public double? Beta2 { get; init; }
    public double? Eps { get; init; }
    public double? WeightDecay { get; init; }
    public bool? Amsgrad { get; init; }
    public double? Alpha { get; init; }
    public bool? Centered { get; init; }
    public double? LrDecay { get; init; }
    public double? InitialAccumulatorValue { get; init; }
    public bool? CoupledWeightDecay { get; init; }
    public int? BlockSize { get; init; }
    public int? MergeDimsThreshold { get; init; }
    public int? MaxPreconditionerDim { get; init; }
    public int? StatisticsEvery { get; init; }
    public int? PreconditionEvery { get; init; }
    public int? StartPreconditioningStep { get; init; }
    public int? ExponentOverride { get; init; }
    public bool? BiasCorrection { get; init; }
    public string? Graft { get; init; }
    public string? GraftNorm { get; init; }
    public double? GraftEps { get; init; }
    public double? GraftBeta1 { get; init; }
    public double? GraftBeta2 { get; init; }
    public string? RootMethod { get; init; }
    public double? RootRidge { get; init; }
    public string? RidgeKind { get; init; }
    public int? RootRetries { get; init; }
    public string Schedule { get; init; } = "constant";
    public long WarmupSteps { get; init; }
    public double FinalLrFactor { get; init; }
    public int? Steps { get; init; }
    public int? BatchSize { get; init; }
    public ulong Seed { get; init; }
    public ulong DataSeed { get; init; }
    public int LogEvery { get; init; } = 50;
    public string? Out { get; init; }
    public string DataDir { get; init; } = FashionMnist.DefaultDirectory;
    public int? Threads { get; init; }
    public bool? Progress { get; init; }
}
