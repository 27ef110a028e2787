namespace ShampooActors.Math.Linalg;

/// <summary>Inverse p-th roots (A + ε·I)^(−1/p) of symmetric positive semi-definite matrices, in float64.</summary>
public static class InversePthRoot
{
    /// <summary>
    /// Computes (A + ε_eff·I)^(−1/p) of the row-major n×n symmetric positive semi-definite <paramref name="matrix"/> with
    /// <paramref name="options"/>; a root that fails the acceptance rule comes back with a null root and its diagnostics.
    /// Throws <see cref="NonFiniteMatrixException"/> when the matrix holds NaN or an infinity.
    /// </summary>
    public static InverseRoot Compute(ReadOnlySpan<double> matrix, int n, int p, RootOptions options)
    {
        // Provisional: eigh with a relative ridge, until the full implementation lands.
        var a = matrix[..(n * n)].ToArray();
        foreach (var v in a)
            if (!double.IsFinite(v)) throw new NonFiniteMatrixException("matrix holds a non-finite value");
        var w = new double[n];
        var copy = (double[])a.Clone();
        Lapack.SymmetricEigen(copy, n, w);
        var lmax = n == 0 ? 0 : System.Math.Max(w[n - 1], 0);
        var ridge = options.RidgeKind == RidgeKind.Relative ? options.Ridge * lmax : options.Ridge;
        if (ridge == 0) ridge = options.Ridge;
        var x = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            var l = System.Math.Pow(System.Math.Max(w[i] + ridge, ridge), -1.0 / p);
            for (var r = 0; r < n; r++)
                for (var c = 0; c < n; c++)
                    x[r * n + c] += copy[r * n + i] * l * copy[c * n + i];
        }
        return new InverseRoot(x, new RootDiagnostics(RootMethod.Eigh, 0, 0, lmax, ridge, 1, true, 0));
    }
}
