using System.Numerics.Tensors;

namespace ShampooActors.Math.Linalg;

/// <summary>λ_max of a symmetric positive semi-definite matrix by power iteration, for the relative ridge.</summary>
internal static class PowerIteration
{
    /// <summary>
    /// The largest eigenvalue of the symmetric n×n <paramref name="matrix"/> (upper triangle read), never above the
    /// true one: Rayleigh quotients from the normalised all-ones start, at most <paramref name="maxIterations"/> matrix–
    /// vector products, stopping once the estimate changes by less than <paramref name="tolerance"/> relative.
    /// The largest diagonal entry is also a lower bound on λ_max; an estimate below it means the start was (nearly)
    /// orthogonal to the top eigenvectors, so the iteration is repeated from the unit vector of that diagonal entry.
    /// Returns 0 for a matrix without a positive eigenvalue.
    /// </summary>
    public static double LargestEigenvalue(ReadOnlySpan<double> matrix, int n, int maxIterations, double tolerance,
        Span<double> v, Span<double> w)
    {
        v = v[..n];
        w = w[..n];
        v.Fill(1 / System.Math.Sqrt(n));
        var estimate = Iterate(matrix, n, maxIterations, tolerance, v, w);
        var (diagonal, at) = LargestDiagonal(matrix, n);
        if (estimate < diagonal)
        {
            v.Clear();
            v[at] = 1;
            estimate = System.Math.Max(diagonal, Iterate(matrix, n, maxIterations, tolerance, v, w));
        }
        return System.Math.Max(estimate, 0);
    }

    private static double Iterate(ReadOnlySpan<double> matrix, int n, int maxIterations, double tolerance,
        Span<double> v, Span<double> w)
    {
        var estimate = double.NegativeInfinity;
        for (var k = 0; k < maxIterations; k++)
        {
            Blas.Dsymv(n, 1.0, matrix, n, v, 0.0, w);
            var next = TensorPrimitives.Dot<double>(v, w);
            var norm = TensorPrimitives.Norm<double>(w);
            if (!(norm > 0) || double.IsInfinity(norm))
                return System.Math.Max(estimate, next);
            TensorPrimitives.Multiply(w, 1 / norm, v);
            var converged = System.Math.Abs(next - estimate) <= tolerance * System.Math.Abs(next);
            estimate = next;
            if (converged)
                break;
        }
        return estimate;
    }

    private static (double Value, int At) LargestDiagonal(ReadOnlySpan<double> matrix, int n)
    {
        var (value, at) = (matrix[0], 0);
        for (var i = 1; i < n; i++)
        {
            if (matrix[i * n + i] > value)
                (value, at) = (matrix[i * n + i], i);
        }
        return (value, at);
    }
}
