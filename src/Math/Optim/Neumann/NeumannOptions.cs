namespace ShampooActors.Math.Optim;

/// <summary>
/// Hyperparameters of <see cref="Neumann"/> (ALGORITHMS.md §3) with the paper's constants; only <see cref="Lr"/> is meant
/// to be tuned (grid 0.01, 0.03, 0.1).
/// </summary>
/// <remarks>
/// The paper's schedules are written in ImageNet epochs over a 90-epoch run: 5 epochs of plain SGD, μ rising as
/// 1 − 1/(1 + t) from 0.5 to 0.9, and the momentum reset after periods of 10, 20, 40 … epochs. Our runs are 2000 steps
/// and an fmnist-mlp epoch is 468 steps, so in real epochs the whole run would be the SGD warm-up (2340 steps). The
/// schedules therefore keep the paper's shape in a unit of <see cref="EpochSteps"/> steps: with the default 100 a run
/// has 500 SGD steps, then μ goes from 0.5 (for the first unit) to 0.9 (after 9 units), and the first reset period is
/// 10 units (1000 steps) long.
/// </remarks>
public sealed record NeumannOptions : OptimizerOptions
{
    private const string Owner = "Neumann";

    /// <summary>The learning rate η, the one tuned hyperparameter.</summary>
    public override double Lr { get; init; } = 0.01;

    /// <summary>The weight α of the cubic regularizer α/3·‖w − v‖³, which pulls the weights towards their average.</summary>
    public double Alpha { get; init; } = 1e-7;

    /// <summary>β per scalar: the repulsive regularizer β/‖w − v‖ has β = this × the number of scalars in all groups.</summary>
    public double BetaPerScalar { get; init; } = 1e-5;

    /// <summary>The decay γ of the moving average v of the weights: v ← w + γ(v − w).</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>The smallest momentum μ; 1 − 1/(1 + t) is clamped to [MuMin, MuMax].</summary>
    public double MuMin { get; init; } = 0.5;

    /// <summary>The largest momentum μ.</summary>
    public double MuMax { get; init; } = 0.9;

    /// <summary>The steps in one "epoch" of the schedules (warm-up, μ and reset periods); see the remarks.</summary>
    public int EpochSteps { get; init; } = 100;

    /// <summary>Epochs of plain SGD (θ ← θ − ηg) before the first Neumann step.</summary>
    public int WarmupEpochs { get; init; } = 5;

    /// <summary>The first reset period K in epochs; each later period is twice the one before.</summary>
    public int ResetEpochs { get; init; } = 10;

    /// <summary>Below this distance ρ = ‖w − v‖ the regularizer term is skipped (its β/ρ² would blow up).</summary>
    public double DistanceGuard { get; init; } = 1e-12;

    /// <inheritdoc />
    public override void Validate()
    {
        OptionChecks.NonNegative(Owner, "lr", Lr);
        OptionChecks.NonNegative(Owner, "alpha", Alpha);
        OptionChecks.NonNegative(Owner, "beta-per-scalar", BetaPerScalar);
        OptionChecks.UnitInterval(Owner, "gamma", Gamma);
        OptionChecks.UnitInterval(Owner, "mu-min", MuMin);
        OptionChecks.UnitInterval(Owner, "mu-max", MuMax);
        if (MuMin > MuMax)
            throw OptionChecks.Invalid(Owner, "mu-min", MuMin, $"must be at most mu-max ({MuMax:R})");
        AtLeast("epoch-steps", EpochSteps, 1);
        AtLeast("warmup-epochs", WarmupEpochs, 0);
        AtLeast("reset-epochs", ResetEpochs, 1);
        if (!(DistanceGuard > 0) || double.IsInfinity(DistanceGuard))
            throw OptionChecks.Invalid(Owner, "distance-guard", DistanceGuard, "must be a finite number > 0");
    }

    /// <summary>The steps of plain SGD before the first Neumann step.</summary>
    internal long WarmupSteps => (long)WarmupEpochs * EpochSteps;

    /// <summary>The first reset period in steps.</summary>
    internal long ResetSteps => (long)ResetEpochs * EpochSteps;

    private static void AtLeast(string option, int value, int least)
    {
        if (value < least)
            throw OptionChecks.Invalid(Owner, option, value, $"must be at least {least}");
    }
}
