namespace ShampooActors.Math.Optim;

/// <summary>Weight decay λ: decoupled (θ ← θ − lr·λ·θ, the default) or coupled (λθ added to the gradient before statistics).</summary>
public sealed record WeightDecayOptions
{
    /// <summary>The decay λ; 0 turns it off.</summary>
    public double Value { get; init; }

    /// <summary>Decoupled (AdamW-style) when true, an L2 term in the gradient when false.</summary>
    public bool Decoupled { get; init; } = true;

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first option that is out of range.</summary>
    public void Validate() => OptionChecks.NonNegative("Shampoo", "weight-decay.value", Value);
}
