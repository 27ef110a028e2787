using ShampooActors.Math.Linalg;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Linalg;

public sealed class SyrkSpec
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ssyrk_updates_the_upper_triangle_like_a_float64_loop_and_leaves_the_lower_one_alone(bool trans)
    {
        const int n = 5, k = 3, lda = 7, ldc = 6;
        const float alpha = 0.75f, beta = -0.5f, sentinel = 777f;
        var random = new TestRandom(3);
        var (rows, cols) = trans ? (k, n) : (n, k);
        var a = new float[rows * lda];
        Array.Fill(a, float.NaN);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                a[r * lda + c] = (float)random.Uniform(-1, 1);
        var c0 = new float[n * ldc];
        Array.Fill(c0, sentinel);
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
                c0[i * ldc + j] = (float)random.Uniform(-1, 1);
        var result = (float[])c0.Clone();

        Blas.Ssyrk(trans, n, k, alpha, a, lda, beta, result, ldc);

        double Op(int i, int p) => trans ? a[p * lda + i] : a[i * lda + p];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (j < i)
                {
                    Assert.Equal(sentinel, result[i * ldc + j]);
                    continue;
                }
                double expected = beta * c0[i * ldc + j];
                for (var p = 0; p < k; p++)
                    expected += alpha * Op(i, p) * Op(j, p);
                // k = 3 products of values in [−1, 1] plus one scaled term: a few float32 roundings of O(1) values.
                Assert.True(System.Math.Abs(expected - result[i * ldc + j]) <= 1e-6, $"({i}, {j}): expected {expected}, got {result[i * ldc + j]}");
            }
        }
    }
}
