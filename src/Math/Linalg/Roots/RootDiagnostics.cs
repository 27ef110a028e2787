namespace ShampooActors.Math.Linalg;

/// <summary>What one inverse-root computation did and how good its result is.</summary>
/// <param name="Method">The method used.</param>
/// <param name="Residual">max|Xᵖ·A_ε − I| of the returned root (Newton: its error e at the returned iterate); NaN when none was formed.</param>
/// <param name="Iterations">Newton iterations of the last attempt (0 for eigh).</param>
/// <param name="LambdaMax">The λ_max estimate of the input (power iteration); 0 for a zero matrix.</param>
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
    double Milliseconds);
