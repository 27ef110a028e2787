using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Linalg;

/// <summary>X = Q·diag(λ^(−1/p))·Qᵀ from dsyevd of A_ε, with the eigenvalues clamped below at ε_eff.</summary>
internal static class EighRoot
{
    /// <summary>The n×n buffers an attempt uses.</summary>
    public const int Buffers = 4;

    private const int A = 0, Q = 1, Scaled = 2, Product = 3;

    /// <summary>
    /// One attempt at ridge <paramref name="ridge"/>. The residual is checked before X is formed, so a rejected
    /// attempt skips that product; X (when formed) lands in a workspace buffer named by the result.
    /// </summary>
    public static RootAttempt Attempt(ReadOnlySpan<double> matrix, int n, int p, double ridge, double acceptResidual,
        RootWorkspace work)
    {
        var nn = n * n;
        Span<double> a = work[A].AsSpan(0, nn), q = work[Q].AsSpan(0, nn);
        Span<double> scaled = work[Scaled].AsSpan(0, nn), product = work[Product].AsSpan(0, nn);
        var lambda = work.Vector1.AsSpan(0, n);
        var factor = work.Vector2.AsSpan(0, n);

        RootInput.Ridged(matrix, n, ridge, a);
        a.CopyTo(q);
        Lapack.SymmetricEigen(q, n, lambda);
        // Rounding can leave eigenvalues of A + ε·I (exactly ≥ ε for a PSD A) slightly below ε, or negative for an
        // indefinite input; the clamp keeps every power finite and the residual then shows how much that changed.
        for (var i = 0; i < n; i++)
            lambda[i] = System.Math.Max(lambda[i], ridge);

        // Xᵖ = Q·diag(λ⁻¹)·Qᵀ = C·Cᵀ with C = Q·diag(λ^(−1/2)): one dsyrk, then one gemm with A_ε for the residual.
        PowerOfLambda(lambda, -0.5, factor);
        ScaleColumns(q, factor, scaled, n);
        Blas.Dsyrk(false, n, n, 1.0, scaled, n, 0.0, product, n);
        Symmetric.MirrorUpper(product, n);
        var residual = IdentityDeviation.OfProduct(product, a, scaled, n);
        if (!(residual < acceptResidual))
            return new RootAttempt(residual, 0, double.NaN, -1);

        // X = B·Bᵀ with B = Q·diag(λ^(−1/(2p))), by the same route.
        PowerOfLambda(lambda, -0.5 / p, factor);
        ScaleColumns(q, factor, scaled, n);
        Blas.Dsyrk(false, n, n, 1.0, scaled, n, 0.0, product, n);
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
    private static void ScaleColumns(ReadOnlySpan<double> q, ReadOnlySpan<double> factor, Span<double> scaled, int n)
    {
        for (var i = 0; i < n; i++)
            TensorPrimitives.Multiply(q.Slice(i * n, n), factor, scaled.Slice(i * n, n));
    }
}
