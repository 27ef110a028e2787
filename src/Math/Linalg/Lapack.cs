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

    /// <summary>The double and integer workspace lengths <see cref="SymmetricEigenRows"/> needs for order n.</summary>
    public static (int Work, int IntWork) SymmetricEigenWorkspace(int n) =>
        n <= 1 ? (1, 1) : (checked(1 + 6 * n + 2 * n * n), 3 + 5 * n);

    /// <summary>
    /// dsyevd like <see cref="SymmetricEigen"/>, but the eigenvectors come back as the rows of <paramref name="a"/>
    /// and the caller provides the workspace (<see cref="SymmetricEigenWorkspace"/>): a row-major upper triangle is the
    /// column-major lower one, so LAPACK works on the caller's memory without LAPACKE's transposed copies and
    /// allocations. Only the upper triangle of the input is read; eigenvalues ascend.
    /// </summary>
    public static void SymmetricEigenRows(Span<double> a, int n, Span<double> eigenvalues, Span<double> work, Span<int> intWork)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (a.Length < (long)n * n)
            throw new ArgumentException($"dsyevd: matrix holds {a.Length} elements, needs {n}×{n}");
        if (eigenvalues.Length < n)
            throw new ArgumentException($"dsyevd: eigenvalue span holds {eigenvalues.Length}, needs {n}");
        if (n == 0)
            return;
        var (lwork, liwork) = SymmetricEigenWorkspace(n);
        if (work.Length < lwork || intWork.Length < liwork)
            throw new ArgumentException($"dsyevd: workspace holds {work.Length} and {intWork.Length}, needs {lwork} and {liwork}");
        int info;
        fixed (double* pa = a)
        fixed (double* pw = eigenvalues)
        fixed (double* pwork = work)
        fixed (int* piwork = intWork)
        {
            info = Lapacke.DsyevdWork(Lapacke.ColMajor, (byte)'V', (byte)'L', n, pa, n, pw, pwork, lwork, piwork, liwork);
        }
        if (info < 0)
            throw new LinalgException($"dsyevd: argument {-info} is invalid");
        if (info > 0)
            throw new LinalgException($"dsyevd: failed to converge ({info} off-diagonal elements did not reach zero)");
    }
}
