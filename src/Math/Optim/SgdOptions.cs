namespace ShampooActors.Math.Optim;

/// <summary>Hyperparameters of <see cref="Sgd"/> with torch.optim.SGD's defaults (lr 1e-3 as in torch ≥ 2.2).</summary>
public sealed record SgdOptions : OptimizerOptions
{
    /// <inheritdoc />
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Momentum factor μ; 0 disables the momentum buffer.</summary>
    public double Momentum { get; init; }

    /// <summary>Dampening τ: new gradients enter the momentum buffer scaled by 1 − τ.</summary>
    public double Dampening { get; init; }

    /// <summary>L2 penalty λ added to the gradient as λ·θ.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Nesterov momentum: step along g + μ·b instead of b (needs momentum &gt; 0 and dampening 0).</summary>
    public bool Nesterov { get; init; }

    /// <summary>Ascend the objective instead of descending it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        OptionChecks.NonNegative("SGD", nameof(Lr), Lr);
        OptionChecks.NonNegative("SGD", nameof(Momentum), Momentum);
        OptionChecks.Finite("SGD", nameof(Dampening), Dampening);
        OptionChecks.NonNegative("SGD", nameof(WeightDecay), WeightDecay);
        if (Nesterov && Momentum <= 0)
            throw new InvalidOptionsException(nameof(Nesterov), "SGD option Nesterov = true is invalid: it needs Momentum > 0");
        if (Nesterov && Dampening != 0)
            throw new InvalidOptionsException(nameof(Nesterov), "SGD option Nesterov = true is invalid: it needs Dampening = 0");
    }
}
