using ShampooActors.Math.Linalg;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>SymmetricEigenRows (dsyevd on the column-major view, caller workspace): eigenvectors as rows.</summary>
public sealed class LapackEigenRowsSpec
{
    // Backward-stable dsyevd on O(1) entries, n = 12: residuals near n·u·‖A‖ ≈ 1e-14 (as in LapackSpec).
    private const double Tolerance = 1e-12;

    private static double[] RandomSymmetric(int n, int seed)
    {
        var random = new TestRandom(seed);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        for (var j = i; j < n; j++)
            a[i * n + j] = a[j * n + i] = random.Uniform(-1, 1);
        return a;
    }

    private static (double[] Rows, double[] Values) Eigen(double[] matrix, int n)
    {
        var rows = (double[])matrix.Clone();
        var values = new double[n];
        var (work, intWork) = Lapack.SymmetricEigenWorkspace(n);
        Lapack.SymmetricEigenRows(rows, n, values, new double[work], new int[intWork]);
        return (rows, values);
    }

    [Fact]
    public void Eigenvectors_are_orthonormal_rows_that_satisfy_A_v_equals_lambda_v()
    {
        const int n = 12;
        var a = RandomSymmetric(n, 1);
        var (v, lambda) = Eigen(a, n);
        for (var k = 0; k < n; k++)
        {
            for (var i = 0; i < n; i++)
            {
                double av = 0;
                for (var j = 0; j < n; j++)
                    av += a[i * n + j] * v[k * n + j];
                Assert.True(System.Math.Abs(av - lambda[k] * v[k * n + i]) <= Tolerance, $"(Av − λv)[{k}][{i}] = {av - lambda[k] * v[k * n + i]:G3}");
            }
            for (var l = 0; l < n; l++)
            {
                double dot = 0;
                for (var j = 0; j < n; j++)
                    dot += v[k * n + j] * v[l * n + j];
                Assert.Equal(k == l ? 1 : 0, dot, Tolerance);
            }
        }
    }

    [Fact]
    public void Eigenvalues_ascend_like_SymmetricEigen_and_only_the_upper_triangle_is_read()
    {
        const int n = 9;
        var a = RandomSymmetric(n, 2);
        var values = new double[n];
        Lapack.SymmetricEigen((double[])a.Clone(), n, values);
        for (var i = 1; i < n; i++)
        for (var j = 0; j < i; j++)
            a[i * n + j] = double.NaN;

        var (_, rowValues) = Eigen(a, n);

        for (var k = 0; k < n; k++)
            Assert.Equal(values[k], rowValues[k], Tolerance);
    }

    [Fact]
    public void SymmetricEigenRows_refuses_a_workspace_that_is_too_small()
    {
        var (work, intWork) = Lapack.SymmetricEigenWorkspace(4);
        Assert.Throws<ArgumentException>(() => Lapack.SymmetricEigenRows(new double[16], 4, new double[4], new double[work - 1], new int[intWork]));
        Assert.Throws<ArgumentException>(() => Lapack.SymmetricEigenRows(new double[16], 4, new double[4], new double[work], new int[intWork - 1]));
        Assert.Throws<ArgumentException>(() => Lapack.SymmetricEigenRows(new double[15], 4, new double[4], new double[work], new int[intWork]));
        Lapack.SymmetricEigenRows([], 0, [], [], []);
    }
}
