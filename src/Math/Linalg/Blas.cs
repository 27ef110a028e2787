using ShampooActors.Math.Native;

namespace ShampooActors.Math.Linalg;

/// <summary>Checked, span-based GEMM through OpenBLAS. All matrices are row-major; transposition is a BLAS flag, never a copy.</summary>
public static unsafe class Blas
{
    /// <summary>The number of threads OpenBLAS uses for one call.</summary>
    public static int Threads
    {
        get => OpenBlas.GetNumThreads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            OpenBlas.SetNumThreads(value);
        }
    }

    /// <summary>C ← α·op(A)·op(B) + β·C with op(X) = X or Xᵀ; op(A) is m×k, op(B) is k×n, C is m×n.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        CheckOperand("gemm", "A", transA, m, k, lda, a.Length);
        CheckOperand("gemm", "B", transB, k, n, ldb, b.Length);
        CheckOperand("gemm", "C", false, m, n, ldc, c.Length);
        if (m == 0 || n == 0)
            return;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            OpenBlas.Sgemm(OpenBlas.RowMajor, transA ? OpenBlas.Trans : OpenBlas.NoTrans,
                transB ? OpenBlas.Trans : OpenBlas.NoTrans, m, n, k, alpha,
                pa, System.Math.Max(lda, 1), pb, System.Math.Max(ldb, 1), beta, pc, ldc);
        }
    }

    /// <summary>C ← α·op(A)·op(B) + β·C in float64; the same conventions as <see cref="Sgemm"/>.</summary>
    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        CheckOperand("gemm", "A", transA, m, k, lda, a.Length);
        CheckOperand("gemm", "B", transB, k, n, ldb, b.Length);
        CheckOperand("gemm", "C", false, m, n, ldc, c.Length);
        if (m == 0 || n == 0)
            return;
        fixed (double* pa = a)
        fixed (double* pb = b)
        fixed (double* pc = c)
        {
            OpenBlas.Dgemm(OpenBlas.RowMajor, transA ? OpenBlas.Trans : OpenBlas.NoTrans,
                transB ? OpenBlas.Trans : OpenBlas.NoTrans, m, n, k, alpha,
                pa, System.Math.Max(lda, 1), pb, System.Math.Max(ldb, 1), beta, pc, ldc);
        }
    }

    /// <summary>
    /// C ← α·op(A)·op(A)ᵀ + β·C on the upper triangle of the n×n C only (the strict lower triangle is neither read nor
    /// written), with op(A) = A (n×k) or, when <paramref name="trans"/>, Aᵀ (A is k×n).
    /// </summary>
    public static void Ssyrk(bool trans, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, float beta, Span<float> c, int ldc)
    {
        CheckOperand("syrk", "A", trans, n, k, lda, a.Length);
        CheckOperand("syrk", "C", false, n, n, ldc, c.Length);
        if (n == 0)
            return;
        fixed (float* pa = a)
        fixed (float* pc = c)
        {
            OpenBlas.Ssyrk(OpenBlas.RowMajor, OpenBlas.Upper, trans ? OpenBlas.Trans : OpenBlas.NoTrans, n, k, alpha,
                pa, System.Math.Max(lda, 1), beta, pc, ldc);
        }
    }

    /// <summary>
    /// The upper triangle of C ← α·op(A)·op(A)ᵀ + β·C in float64 (dsyrk), op(A) = A (n×k) or Aᵀ (A stored k×n);
    /// the strict lower triangle of C is neither read nor written.
    /// </summary>
    public static void Dsyrk(bool transA, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        double beta, Span<double> c, int ldc)
    {
        CheckOperand("syrk", "A", transA, n, k, lda, a.Length);
        CheckOperand("syrk", "C", false, n, n, ldc, c.Length);
        if (n == 0)
            return;
        fixed (double* pa = a)
        fixed (double* pc = c)
        {
            OpenBlas.Dsyrk(OpenBlas.RowMajor, OpenBlas.Upper, transA ? OpenBlas.Trans : OpenBlas.NoTrans, n, k, alpha,
                pa, System.Math.Max(lda, 1), beta, pc, ldc);
        }
    }

    /// <summary>y ← α·A·x + β·y in float64 (dsymv) for a symmetric n×n A of which only the upper triangle is read.</summary>
    public static void Dsymv(int n, double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> x,
        double beta, Span<double> y)
    {
        CheckOperand("symv", "A", false, n, n, lda, a.Length);
        if (x.Length < n || y.Length < n)
            throw new ArgumentException($"symv: x holds {x.Length} and y {y.Length} elements, both need {n}");
        if (n == 0)
            return;
        fixed (double* pa = a)
        fixed (double* px = x)
        fixed (double* py = y)
        {
            OpenBlas.Dsymv(OpenBlas.RowMajor, OpenBlas.Upper, n, alpha, pa, lda, px, 1, beta, py, 1);
        }
    }

    /// <summary>Checks that a row-major operand whose logical (post-op) shape is rows×cols fits its span.</summary>
    private static void CheckOperand(string routine, string name, bool transposed, int rows, int cols, int ld, int length)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentException($"{routine}: negative dimension for {name} ({rows}×{cols})");
        var (storedRows, storedCols) = transposed ? (cols, rows) : (rows, cols);
        // An empty row (e.g. k = 0) may come with ld = 0; the native call is given max(ld, 1) as BLAS requires.
        if (ld < storedCols)
            throw new ArgumentException($"{routine}: leading dimension of {name} is {ld}, needs ≥ {storedCols}");
        long needed = storedRows == 0 || storedCols == 0 ? 0 : (long)(storedRows - 1) * ld + storedCols;
        if (length < needed)
            throw new ArgumentException($"{routine}: {name} holds {length} elements, needs {needed}");
    }
}
