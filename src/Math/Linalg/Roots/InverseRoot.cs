namespace ShampooActors.Math.Linalg;

/// <summary>The result of <see cref="InversePthRoot.Compute(ReadOnlySpan{double}, int, int, RootOptions)"/>: the root (row-major n×n, float64) when accepted, and the diagnostics.</summary>
/// <param name="Root">The accepted root (A + ε_eff·I)^(−1/p), or null when it was rejected.</param>
/// <param name="Diagnostics">How it was computed and how good it is.</param>
public sealed record InverseRoot(double[]? Root, RootDiagnostics Diagnostics)
{
    /// <summary>Whether a root was accepted.</summary>
    public bool Accepted => Root is not null;
}
