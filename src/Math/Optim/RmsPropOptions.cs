namespace ShampooActors.Math.Optim;

/// <summary>Hyperparameters of <see cref="RmsProp"/> with torch.optim.RMSprop's defaults.</summary>
public sealed record RmsPropOptions : OptimizerOptions
{
    /// <inheritdoc />
    public override double Lr { get; init; } = 1e-2;

    /// <summary>Smoothing constant α of the squared-gradient average; must lie in [0, 1] (PyTorch checks only ≥ 0).</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary>Term ε added to the denominator after the square root.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>L2 penalty λ added to the gradient as λ·θ.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Momentum factor μ; 0 disables the momentum buffer.</summary>
    public double Momentum { get; init; }

    /// <summary>Normalise by the estimated variance (subtract the squared mean gradient) instead of the raw second moment.</summary>
    public bool Centered { get; init; }

    /// <summary>Ascend the objective instead of descending it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        OptionChecks.NonNegative("RMSprop", nameof(Lr), Lr);
        OptionChecks.NonNegative("RMSprop", nameof(Eps), Eps);
        OptionChecks.NonNegative("RMSprop", nameof(Momentum), Momentum);
        OptionChecks.NonNegative("RMSprop", nameof(WeightDecay), WeightDecay);
        OptionChecks.ClosedUnitInterval("RMSprop", nameof(Alpha), Alpha);
    }
}
