namespace ShampooActors.Math.Linalg;

/// <summary>What one inverse-root computation did and how good its result is.</summary>
/// <param name="Method">The method used.</param>
/// <param name="Residual">max|Xᵖ·A_ε − I| of the root of the last attempt, formed from that root for every method (the
/// acceptance rule reads it); NaN when no root could be formed.</param>
/// <param name="Iterations">Newton iterations run in the last attempt (0 for eigh and 1×1 matrices); when the rise guard
/// stopped it, the root returned is the iterate before the last one.</param>
/// <param name="LambdaMax">The λ_max estimate of the input (power iteration, a Rayleigh quotient: never above the true
/// value beyond rounding); 0 for a zero matrix.</param>
/// <param name="Ridge">The ridge ε_eff added to the diagonal in the last attempt.</param>
/// <param name="Attempts">How many attempts were made (1 + retries used).</param>
/// <param name="Accepted">Whether the root passed the acceptance rule.</param>
/// <param name="Milliseconds">Wall time of the whole computation, all attempts included.</param>
public sealed record RootDiagnostics(
    RootMethod Method,
    double Residual,
    int Iterations,
    double LambdaMax,
    double Ridge,
    int Attempts,
    bool Accepted,
    double Milliseconds)
{
    /// <summary>Newton's own error max|M − I| at the returned iterate of the last attempt; NaN for eigh and 1×1 matrices.</summary>
    public double NewtonError { get; init; } = double.NaN;
}
