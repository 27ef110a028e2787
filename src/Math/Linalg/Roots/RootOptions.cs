using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Linalg;

/// <summary>How <see cref="InversePthRoot"/> computes and accepts a root; the defaults are those of ALGORITHMS.md §1.6.</summary>
public sealed record RootOptions
{
    /// <summary>The method: eigendecomposition (default on CPU) or coupled Newton.</summary>
    public RootMethod Method { get; init; } = RootMethod.Eigh;

    /// <summary>The ridge ε: relative to λ_max or absolute according to <see cref="RidgeKind"/>.</summary>
    public double Ridge { get; init; } = 1e-6;

    /// <summary>Whether <see cref="Ridge"/> is scaled by λ_max.</summary>
    public RidgeKind RidgeKind { get; init; } = RidgeKind.Relative;

    /// <summary>Coupled Newton stops once max|M − I| is at or below this.</summary>
    public double NewtonTolerance { get; init; } = 1e-6;

    /// <summary>Coupled Newton stops after this many iterations.</summary>
    public int NewtonMaxIterations { get; init; } = 100;

    /// <summary>A root whose residual max|Xᵖ·A_ε − I| is at or above this is rejected.</summary>
    public double AcceptResidual { get; init; } = 0.1;

    /// <summary>How many times a rejected root is retried with the ridge multiplied by 10 (0 to 5).</summary>
    public int Retries { get; init; }

    /// <summary>The most power iterations used to estimate λ_max.</summary>
    public int PowerIterations { get; init; } = 100;

    /// <summary>Power iteration stops when the relative change of the λ_max estimate is below this.</summary>
    public double PowerTolerance { get; init; } = 1e-6;

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        const string owner = "root";
        if (!Enum.IsDefined(Method))
            throw new InvalidOptionsException("method", $"root option method = {Method} is invalid: must be eigh or coupled-newton");
        if (!Enum.IsDefined(RidgeKind))
            throw new InvalidOptionsException("ridge-kind", $"root option ridge-kind = {RidgeKind} is invalid: must be relative or absolute");
        Positive(owner, "ridge", Ridge);
        Positive(owner, "newton-tolerance", NewtonTolerance);
        Positive(owner, "accept-residual", AcceptResidual);
        Positive(owner, "power-tolerance", PowerTolerance);
        if (NewtonMaxIterations < 1)
            throw OptionChecks.Invalid(owner, "newton-max-iterations", NewtonMaxIterations, "must be at least 1");
        if (PowerIterations < 1)
            throw OptionChecks.Invalid(owner, "power-iterations", PowerIterations, "must be at least 1");
        if (Retries is < 0 or > 5)
            throw OptionChecks.Invalid(owner, "retries", Retries, "must be between 0 and 5");
    }

    private static void Positive(string owner, string option, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw OptionChecks.Invalid(owner, option, value, "must be a finite number > 0");
    }
}
