namespace ShampooActors.Math.Linalg;

/// <summary>The outcome of one attempt at a given ridge, before the acceptance rule.</summary>
/// <param name="Residual">max|Xᵖ·A_ε − I| of the root, or NaN when none could be formed.</param>
/// <param name="Iterations">Newton iterations run (0 for eigh and for a 1×1 matrix).</param>
/// <param name="NewtonError">Newton's max|M − I| at the returned iterate; NaN for the other methods.</param>
/// <param name="Root">The workspace buffer holding the root X, or −1 when the residual already rejected it and X was never formed.</param>
internal readonly record struct RootAttempt(double Residual, int Iterations, double NewtonError, int Root)
{
    /// <summary>An attempt that produced nothing usable.</summary>
    public static RootAttempt Failed(int iterations = 0, double newtonError = double.NaN) =>
        new(double.NaN, iterations, newtonError, -1);
}
