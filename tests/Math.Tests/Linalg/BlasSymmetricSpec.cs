using ShampooActors.Math.Linalg;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>Dsyrk and Dsymv: the triangle they read or write, against float64 loops.</summary>
public sealed class BlasSymmetricSpec
{
    // Sums of at most 7 products of values in [−1, 1], scaled by α and β: a few ulps of 10 at most.
    private const double Tolerance = 1e-13;
    private const double Sentinel = 777;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dsyrk_writes_alpha_A_A_transposed_plus_beta_C_into_the_upper_triangle_only(bool transA)
    {
        const int n = 5, k = 7;
        const double alpha = 1.5, beta = -0.5;
        var random = new TestRandom(11);
        var a = random.Doubles(n * k, -1, 1);
        var c = random.Doubles(n * n, -1, 1);
        for (var i = 1; i < n; i++)
        for (var j = 0; j < i; j++)
            c[i * n + j] = Sentinel;
        var before = (double[])c.Clone();
        // op(A) is n×k: A itself, or the transpose of a k×n A.
        double Op(int i, int p) => transA ? a[p * n + i] : a[i * k + p];

        Blas.Dsyrk(transA, n, k, alpha, a, transA ? n : k, beta, c, n);

        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            if (j < i)
            {
                Assert.Equal(Sentinel, c[i * n + j]);
                continue;
            }
            double sum = 0;
            for (var p = 0; p < k; p++)
                sum += Op(i, p) * Op(j, p);
            Assert.Equal(alpha * sum + beta * before[i * n + j], c[i * n + j], Tolerance);
        }
    }

    [Fact]
    public void Dsymv_reads_only_the_upper_triangle()
    {
        const int n = 6;
        const double alpha = 2, beta = 0.25;
        var random = new TestRandom(12);
        var a = random.Doubles(n * n, -1, 1);
        var x = random.Doubles(n, -1, 1);
        var y = random.Doubles(n, -1, 1);
        var before = (double[])y.Clone();
        double Symmetric(int i, int j) => i <= j ? a[i * n + j] : a[j * n + i];
        for (var i = 1; i < n; i++)
        for (var j = 0; j < i; j++)
            a[i * n + j] = double.NaN;

        Blas.Dsymv(n, alpha, a, n, x, beta, y);

        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            for (var j = 0; j < n; j++)
                sum += Symmetric(i, j) * x[j];
            Assert.Equal(alpha * sum + beta * before[i], y[i], Tolerance);
        }
    }

    [Fact]
    public void Dsyrk_and_Dsymv_refuse_spans_that_are_too_short()
    {
        var syrk = Assert.Throws<ArgumentException>(() => Blas.Dsyrk(false, 3, 2, 1, new double[5], 2, 0, new double[9], 3));
        Assert.StartsWith("syrk:", syrk.Message);
        Assert.Throws<ArgumentException>(() => Blas.Dsyrk(false, 3, 2, 1, new double[6], 2, 0, new double[8], 3));
        Assert.Throws<ArgumentException>(() => Blas.Dsymv(3, 1, new double[8], 3, new double[3], 0, new double[3]));
        Assert.Throws<ArgumentException>(() => Blas.Dsymv(3, 1, new double[9], 3, new double[2], 0, new double[3]));
        Assert.Throws<ArgumentException>(() => Blas.Dsymv(3, 1, new double[9], 3, new double[3], 0, new double[2]));
    }
}
