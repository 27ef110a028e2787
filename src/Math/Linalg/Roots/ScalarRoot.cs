namespace ShampooActors.Math.Linalg;

/// <summary>The root of a 1×1 matrix, (a + ε)^(−1/p), written directly: no eigensolver or iteration is needed.</summary>
internal static class ScalarRoot
{
    /// <summary>Writes (a + ε)^(−1/p) into buffer 0 of <paramref name="work"/>, with the same clamp at ε as eigh.</summary>
    public static RootAttempt Attempt(double a, int p, double ridge, RootWorkspace work)
    {
        var shifted = a + ridge;
        var clamped = System.Math.Max(shifted, ridge);
        var root = System.Math.Pow(clamped, -1.0 / p);
        work[0][0] = root;
        var residual = System.Math.Abs(System.Math.Pow(root, p) * shifted - 1);
        return new RootAttempt(residual, 0, double.NaN, 0);
    }
}
