namespace ShampooActors.Math.Linalg;

/// <summary>How the ridge ε added to the diagonal before a root is scaled.</summary>
public enum RidgeKind
{
    /// <summary>ε_eff = ε·λ_max, with λ_max from power iteration; ε itself when λ_max is 0 (a zero matrix has no scale).</summary>
    Relative,

    /// <summary>ε_eff = ε.</summary>
    Absolute,
}
