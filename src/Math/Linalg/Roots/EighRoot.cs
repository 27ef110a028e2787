using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Linalg;

/// <summary>
/// X = Q·diag(λ^(−1/p))·Qᵀ from dsyevd of A_ε, with the eigenvalues clamped below at ε_eff. dsyevd returns the
/// eigenvectors as the rows of V = Qᵀ, so X = Vᵀ·diag(λ^(−1/p))·V = BᵀB with B = diag(λ^(−1/(2p)))·V: one dsyrk.
/// </summary>
internal static class EighRoot
{
    /// <summary>The n×n buffers an attempt uses.</summary>
    public const int Buffers = 4;

    private const int A = 0, Vectors = 1, Scaled = 2, Product = 3;

    /// <summary>
    /// One attempt at ridge <paramref name="ridge"/>. The residual is checked before X is formed, so a rejected
    /// attempt skips that product; X (when formed) lands in a workspace buffer named by the result.
    /// </summary>
    public static RootAttempt Attempt(ReadOnlySpan<double> matrix, int n, int p, double ridge, double acceptResidual,
        RootWorkspace work)
    {
        var nn = n * n;
        Span<double> a = work[A].AsSpan(0, nn), v = work[Vectors].AsSpan(0, nn);
        Span<double> scaled = work[Scaled].AsSpan(0, nn), product = work[Product].AsSpan(0, nn);
        var lambda = work.Vector1.AsSpan(0, n);
        var factor = work.Vector2.AsSpan(0, n);

        RootInput.Ridged(matrix, n, ridge, a);
        a.CopyTo(v);
        Lapack.SymmetricEigenRows(v, n, lambda, work.EigenWork, work.EigenIntWork);
        // Rounding can leave eigenvalues of A + ε·I (exactly ≥ ε for a PSD A) slightly below ε, or negative for an
        // indefinite input; the clamp keeps every power finite and the residual then shows how much that changed.
        for (var i = 0; i < n; i++)
            lambda[i] = System.Math.Max(lambda[i], ridge);

        // Xᵖ = Vᵀ·diag(λ⁻¹)·V = CᵀC with C = diag(λ^(−1/2))·V: one dsyrk, then one gemm with A_ε for the residual.
        PowerOfLambda(lambda, -0.5, factor);
        ScaleRows(v, factor, scaled, n);
        Blas.Dsyrk(true, n, n, 1.0, scaled, n, 0.0, product, n);
        Symmetric.MirrorUpper(product, n);
        var residual = IdentityDeviation.OfProduct(product, a, scaled, n);
        if (!(residual < acceptResidual))
            return new RootAttempt(residual, 0, double.NaN, -1);

        // X = BᵀB by the same route.
        PowerOfLambda(lambda, -0.5 / p, factor);
        ScaleRows(v, factor, scaled, n);
        Blas.Dsyrk(true, n, n, 1.0, scaled, n, 0.0, product, n);
        Symmetric.MirrorUpper(product, n);
        return new RootAttempt(residual, 0, double.NaN, Product);
    }

    private static void PowerOfLambda(ReadOnlySpan<double> lambda, double exponent, Span<double> factor)
    {
        for (var i = 0; i < lambda.Length; i++)
            factor[i] = System.Math.Pow(lambda[i], exponent);
    }

    // Runs only a few times per root, over n² elements: compiled optimised at once rather than as slow tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleRows(ReadOnlySpan<double> v, ReadOnlySpan<double> factor, Span<double> scaled, int n)
    {
        for (var i = 0; i < n; i++)
            TensorPrimitives.Multiply(v.Slice(i * n, n), factor[i], scaled.Slice(i * n, n));
    }
}
