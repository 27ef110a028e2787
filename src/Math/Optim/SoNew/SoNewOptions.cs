namespace ShampooActors.Math.Optim;

/// <summary>
/// Hyperparameters of <see cref="SoNew"/> (ALGORITHMS.md §2): the band structure, the momentum and statistics decays,
/// the relative damping, the per-parameter graft, decoupled weight decay and plain Adam for 1-D parameters.
/// </summary>
public sealed record SoNewOptions : OptimizerOptions
{
    private const string Owner = "SoNew";

    /// <inheritdoc />
    public override double Lr { get; init; } = 1e-3;

    /// <summary>The preconditioner's sparsity pattern.</summary>
    public SoNewStructure Structure { get; init; } = SoNewStructure.Tridiagonal;

    /// <summary>The band width b of <see cref="SoNewStructure.Banded"/> (neighbours per element); b = 1 is the tridiagonal method.</summary>
    public int Band { get; init; } = 3;

    /// <summary>Decay of the gradient's momentum m, which is bias-corrected by 1 − β₁ᵗ before it is preconditioned.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of the EMA of g·gᵀ on the band, which is bias-corrected by 1 − β₂ᵗ before use.</summary>
    public double Beta2 { get; init; } = 0.99;

    /// <summary>Relative damping: ε·max_j H_jj is added to the statistic's diagonal before the preconditioner is built.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>The diagonal method whose per-parameter update norm SONew's direction takes; kind none turns grafting off.</summary>
    public GraftingOptions Grafting { get; init; } = new() { Kind = GraftingKind.Adam };

    /// <summary>Decoupled weight decay λ: θ ← θ − lr·λ·θ.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Parameters of at most one dimension (biases) get plain Adam with the graft's β₁, β₂ and ε instead of SONew.</summary>
    public bool AdamForVectors { get; init; } = true;

    /// <inheritdoc />
    public override void Validate()
    {
        OptionChecks.NonNegative(Owner, "lr", Lr);
        if (!Enum.IsDefined(Structure))
            throw new InvalidOptionsException("structure", $"{Owner} option structure = {Structure} is invalid: must be tridiagonal or banded");
        if (Band < 1)
            throw OptionChecks.Invalid(Owner, "band", Band, "must be at least 1");
        OptionChecks.UnitInterval(Owner, "beta1", Beta1);
        OptionChecks.UnitInterval(Owner, "beta2", Beta2);
        OptionChecks.NonNegative(Owner, "epsilon", Epsilon);
        var grafting = Grafting ?? throw new InvalidOptionsException("grafting", $"{Owner} option grafting is missing");
        grafting.Validate(Owner);
        if (grafting.Norm != GraftNorm.Parameter)
            throw new InvalidOptionsException("grafting.norm", $"{Owner} option grafting.norm = {grafting.Norm} is invalid: SONew grafts per parameter");
        OptionChecks.NonNegative(Owner, "weight-decay", WeightDecay);
    }
}
