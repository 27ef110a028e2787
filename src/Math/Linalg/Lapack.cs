using ShampooActors.Math.Native;

namespace ShampooActors.Math.Linalg;

/// <summary>Checked, span-based LAPACK routines through LAPACKE (row-major layout).</summary>
public static unsafe class Lapack
{
    /// <summary>
    /// Eigen-decomposition of a symmetric n×n row-major matrix by divide and conquer (dsyevd): on return
    /// <paramref name="a"/> holds the orthonormal eigenvectors as columns and <paramref name="eigenvalues"/> the
    /// eigenvalues in ascending order. Only the upper triangle of the input is read.
    /// </summary>
    public static void SymmetricEigen(Span<double> a, int n, Span<double> eigenvalues)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (a.Length < (long)n * n)
            throw new ArgumentException($"dsyevd: matrix holds {a.Length} elements, needs {n}×{n}");
        if (eigenvalues.Length < n)
            throw new ArgumentException($"dsyevd: eigenvalue span holds {eigenvalues.Length}, needs {n}");
        if (n == 0)
            return;
        int info;
        fixed (double* pa = a)
        fixed (double* pw = eigenvalues)
        {
            info = Lapacke.Dsyevd(Lapacke.RowMajor, (byte)'V', (byte)'U', n, pa, n, pw);
        }
        if (info < 0)
            throw new LinalgException($"dsyevd: argument {-info} is invalid");
        if (info > 0)
            throw new LinalgException($"dsyevd: failed to converge ({info} off-diagonal elements did not reach zero)");
    }
}
