using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Optim;

/// <summary>
/// Hyperparameters of <see cref="Shampoo"/> (ALGORITHMS.md §1), one concern per record: blocking, grafting, roots,
/// momentum and weight decay, plus the statistics and preconditioning cadence.
/// </summary>
public sealed record ShampooOptions : OptimizerOptions
{
    /// <inheritdoc />
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Statistics decay: 1 sums G·Gᵀ (Adagrad-style), below 1 keeps an EMA with weights β₂ and 1 − β₂.</summary>
    public double Beta2 { get; init; } = 1.0;

    /// <summary>Statistics are updated on every step that is a multiple of this.</summary>
    public int StatisticsEvery { get; init; } = 1;

    /// <summary>Roots are recomputed (or a snapshot handed out) on every step that is a multiple of this.</summary>
    public int PreconditionEvery { get; init; } = 10;

    /// <summary>Steps before this one apply the grafted update alone.</summary>
    public int StartPreconditioningStep { get; init; } = 10;

    /// <summary>When positive, every factor's root uses this p instead of 2 × (preconditioned dims of its block).</summary>
    public int ExponentOverride { get; init; }

    /// <summary>Divide EMA statistics by 1 − β₂ᵗ before a root is computed.</summary>
    public bool BiasCorrection { get; init; }

    /// <summary>How parameters are cut into blocks.</summary>
    public BlockingOptions Blocking { get; init; } = new();

    /// <summary>Which diagonal method lends its magnitude to the update.</summary>
    public GraftingOptions Grafting { get; init; } = new();

    /// <summary>How inverse roots are computed and accepted.</summary>
    public RootOptions Roots { get; init; } = new();

    /// <summary>Momentum on the grafted update.</summary>
    public MomentumOptions Momentum { get; init; } = new();

    /// <summary>Weight decay, decoupled by default.</summary>
    public WeightDecayOptions WeightDecay { get; init; } = new();

    /// <inheritdoc />
    public override void Validate()
    {
        OptionChecks.NonNegative("Shampoo", "lr", Lr);
        OptionChecks.ClosedUnitInterval("Shampoo", "beta2", Beta2);
        if (Beta2 == 0)
            throw OptionChecks.Invalid("Shampoo", "beta2", Beta2, "must be in (0, 1]");
        AtLeastOne("statistics-every", StatisticsEvery);
        AtLeastOne("precondition-every", PreconditionEvery);
        if (StartPreconditioningStep < 0)
            throw OptionChecks.Invalid("Shampoo", "start-preconditioning-step", StartPreconditioningStep, "must be at least 0");
        if (ExponentOverride < 0)
            throw OptionChecks.Invalid("Shampoo", "exponent-override", ExponentOverride, "must be 0 (default exponents) or a positive integer");
        Nonnull(Blocking, "blocking").Validate();
        Nonnull(Grafting, "grafting").Validate();
        Nonnull(Roots, "roots").Validate();
        Nonnull(Momentum, "momentum").Validate();
        Nonnull(WeightDecay, "weight-decay").Validate();
    }

    private static void AtLeastOne(string option, int value)
    {
        if (value < 1)
            throw OptionChecks.Invalid("Shampoo", option, value, "must be at least 1");
    }

    private static T Nonnull<T>(T? value, string option) where T : class =>
        value ?? throw new InvalidOptionsException(option, $"Shampoo option {option} is missing");
}
