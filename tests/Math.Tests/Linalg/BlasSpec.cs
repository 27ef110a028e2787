using ShampooActors.Math.Linalg;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>Sgemm and Dgemm: every transpose combination on padded, non-square operands against a float64 loop.</summary>
public sealed class BlasSpec
{
    private const int M = 3, N = 5, K = 4;
    private const double Alpha = 1.5, Beta = -0.5;
    private const double Sentinel = 777;

    /// <summary>Row-major operands with leading dimensions wider than their rows; padding holds NaN (A, B) or a sentinel (C).</summary>
    private sealed record Problem(bool TransA, bool TransB, double[] A, int Lda, double[] B, int Ldb, double[] C, int Ldc)
    {
        public static Problem Create(bool transA, bool transB, int seed)
        {
            var random = new TestRandom(seed);
            var (aRows, aCols) = transA ? (K, M) : (M, K);
            var (bRows, bCols) = transB ? (N, K) : (K, N);
            int lda = aCols + 2, ldb = bCols + 3, ldc = N + 1;
            return new Problem(transA, transB,
                Padded(random, aRows, aCols, lda, double.NaN), lda,
                Padded(random, bRows, bCols, ldb, double.NaN), ldb,
                Padded(random, M, N, ldc, Sentinel), ldc);
        }

        private static double[] Padded(TestRandom random, int rows, int cols, int ld, double padding)
        {
            var values = Enumerable.Repeat(padding, rows * ld).ToArray();
            for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                values[r * ld + c] = (float)random.Uniform(-1, 1);
            return values;
        }

        private double OpA(int i, int p) => TransA ? A[p * Lda + i] : A[i * Lda + p];

        private double OpB(int p, int j) => TransB ? B[j * Ldb + p] : B[p * Ldb + j];

        /// <summary>α·op(A)·op(B) + β·C by a triple loop, and the magnitude |α|·Σ|op(A)op(B)| + |β·C| per element.</summary>
        public (double Value, double Magnitude) Reference(int i, int j)
        {
            double sum = 0, magnitude = 0;
            for (var p = 0; p < K; p++)
            {
                sum += OpA(i, p) * OpB(p, j);
                magnitude += System.Math.Abs(OpA(i, p) * OpB(p, j));
            }
            var c = C[i * Ldc + j];
            return (Alpha * sum + Beta * c, System.Math.Abs(Alpha) * magnitude + System.Math.Abs(Beta * c));
        }

        /// <summary>Checks <paramref name="result"/> (C after the call) element by element, padding included.</summary>
        public void Verify(Func<int, double> result, double unitRoundoff)
        {
            for (var i = 0; i < M; i++)
            {
                for (var j = 0; j < N; j++)
                {
                    var (expected, magnitude) = Reference(i, j);
                    // K products and K + 2 additions or scalings, each rounded once.
                    var tolerance = (2 * K + 2) * unitRoundoff * magnitude;
                    Assert.True(System.Math.Abs(result(i * Ldc + j) - expected) <= tolerance,
                        $"C[{i},{j}] = {result(i * Ldc + j)}, float64 loop {expected} (transA {TransA}, transB {TransB})");
                }
                Assert.Equal(Sentinel, result(i * Ldc + N));
            }
        }
    }

    public static TheoryData<bool, bool> TransposeCombinations => new()
    {
        { false, false }, { true, false }, { false, true }, { true, true },
    };

    [Theory, MemberData(nameof(TransposeCombinations))]
    public void Sgemm_matches_a_float64_triple_loop_with_padded_leading_dimensions(bool transA, bool transB)
    {
        var problem = Problem.Create(transA, transB, seed: 1);
        var c = problem.C.Select(v => (float)v).ToArray();
        Blas.Sgemm(transA, transB, M, N, K, (float)Alpha, problem.A.Select(v => (float)v).ToArray(), problem.Lda,
            problem.B.Select(v => (float)v).ToArray(), problem.Ldb, (float)Beta, c, problem.Ldc);
        problem.Verify(i => c[i], 6e-8);
    }

    [Theory, MemberData(nameof(TransposeCombinations))]
    public void Dgemm_matches_a_float64_triple_loop_with_padded_leading_dimensions(bool transA, bool transB)
    {
        var problem = Problem.Create(transA, transB, seed: 2);
        var c = (double[])problem.C.Clone();
        Blas.Dgemm(transA, transB, M, N, K, Alpha, problem.A, problem.Lda, problem.B, problem.Ldb, Beta, c, problem.Ldc);
        problem.Verify(i => c[i], 1.12e-16);
    }

    [Fact]
    public void Gemm_with_an_empty_inner_dimension_only_scales_C_by_beta()
    {
        var c = new[] { 1f, 2f, 3f, 4f };
        Blas.Sgemm(false, false, 2, 2, 0, 1f, [], 0, [], 2, 0.5f, c, 2);
        Assert.Equal(new[] { 0.5f, 1f, 1.5f, 2f }, c);
    }

    [Fact]
    public void Gemm_accepts_operands_of_exactly_the_needed_length()
    {
        // A is 2×3 with lda 5: the last row needs only its 3 elements, so (2 − 1)·5 + 3 = 8 elements suffice.
        var c = new float[4];
        Blas.Sgemm(false, false, 2, 2, 3, 1f, new float[8], 5, new float[6], 2, 0f, c, 2);
        Blas.Dgemm(false, false, 2, 2, 3, 1.0, new double[8], 5, new double[6], 2, 0.0, new double[4], 2);
    }

    [Fact]
    public void Sgemm_refuses_operands_that_are_too_short_with_the_operand_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Blas.Sgemm(false, false, 2, 2, 3, 1f, new float[7], 5, new float[6], 2, 0f, new float[4], 2));
        Assert.Contains("A holds 7 elements, needs 8", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() =>
            Blas.Sgemm(false, true, 2, 2, 3, 1f, new float[6], 3, new float[5], 3, 0f, new float[4], 2));
        Assert.Contains("B holds 5", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() =>
            Blas.Sgemm(false, false, 2, 2, 3, 1f, new float[6], 3, new float[6], 2, 0f, new float[3], 2));
        Assert.Contains("C holds 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gemm_refuses_leading_dimensions_narrower_than_the_stored_rows()
    {
        // Transposed A (3×2 stored for a 2×3 op(A)) has rows of 2; lda = 1 is too narrow.
        var error = Assert.Throws<ArgumentException>(() =>
            Blas.Sgemm(true, false, 2, 2, 3, 1f, new float[6], 1, new float[6], 2, 0f, new float[4], 2));
        Assert.Contains("leading dimension of A is 1, needs ≥ 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() =>
            Blas.Dgemm(false, false, 2, 2, 3, 1.0, new double[6], 3, new double[6], 1, 0.0, new double[4], 2));
        Assert.Throws<ArgumentException>(() =>
            Blas.Dgemm(false, false, 2, 2, 3, 1.0, new double[6], 3, new double[6], 2, 0.0, new double[4], 1));
    }

    [Fact]
    public void Gemm_refuses_negative_dimensions()
    {
        Assert.Throws<ArgumentException>(() =>
            Blas.Sgemm(false, false, -1, 2, 3, 1f, new float[6], 3, new float[6], 2, 0f, new float[4], 2));
        Assert.Throws<ArgumentException>(() =>
            Blas.Dgemm(false, false, 2, 2, -3, 1.0, new double[6], 3, new double[6], 2, 0.0, new double[4], 2));
    }

    [Fact]
    public void Threads_reports_at_least_one_and_refuses_zero()
    {
        Assert.True(Blas.Threads >= 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Blas.Threads = 0);
    }
}
