namespace ShampooActors.Math.Optim;

/// <summary>Hyperparameters of <see cref="Adagrad"/> with torch.optim.Adagrad's defaults.</summary>
public sealed record AdagradOptions : OptimizerOptions
{
    /// <inheritdoc />
    public override double Lr { get; init; } = 1e-2;

    /// <summary>Learning-rate decay η: step t uses lr / (1 + (t − 1)·η).</summary>
    public double LrDecay { get; init; }

    /// <summary>L2 penalty λ added to the gradient as λ·θ.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Starting value of every element of the squared-gradient sum.</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary>Term ε added to the denominator after the square root.</summary>
    public double Eps { get; init; } = 1e-10;

    /// <summary>Ascend the objective instead of descending it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        OptionChecks.NonNegative("Adagrad", nameof(Lr), Lr);
        OptionChecks.NonNegative("Adagrad", nameof(LrDecay), LrDecay);
        OptionChecks.NonNegative("Adagrad", nameof(WeightDecay), WeightDecay);
        OptionChecks.NonNegative("Adagrad", nameof(InitialAccumulatorValue), InitialAccumulatorValue);
        OptionChecks.NonNegative("Adagrad", nameof(Eps), Eps);
    }
}
