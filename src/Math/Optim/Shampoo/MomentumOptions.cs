namespace ShampooActors.Math.Optim;

/// <summary>Momentum on the grafted update U: heavy ball m ← β₁m + U, or Nesterov's read U + β₁m.</summary>
public sealed record MomentumOptions
{
    /// <summary>The momentum β₁; 0 turns momentum off.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Step along U + β₁m instead of m.</summary>
    public bool Nesterov { get; init; } = true;

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first option that is out of range.</summary>
    public void Validate() => OptionChecks.UnitInterval("Shampoo", "momentum.beta1", Beta1);
}
