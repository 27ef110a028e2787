using ShampooActors.Math.Linalg;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>SymmetricEigen (dsyevd): the eigen-equation, orthonormality, ordering and closed forms.</summary>
public sealed class LapackSpec
{
    // dsyevd is backward stable: residuals are about n·2⁻⁵³·‖A‖ ≈ 12·1.1e-16·4 ≈ 5e-15 for the matrices here;
    // 1e-12 leaves two orders of magnitude of room and still catches a wrong layout or a transposed V (errors O(1)).
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

    private static (double[] Vectors, double[] Values) Eigen(double[] matrix, int n)
    {
        var vectors = (double[])matrix.Clone();
        var values = new double[n];
        Lapack.SymmetricEigen(vectors, n, values);
        return (vectors, values);
    }

    [Fact]
    public void Eigenvectors_are_columns_that_satisfy_A_V_equals_V_Lambda()
    {
        const int n = 12;
        var a = RandomSymmetric(n, 1);
        var (v, lambda) = Eigen(a, n);
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            double av = 0;
            for (var p = 0; p < n; p++)
                av += a[i * n + p] * v[p * n + j];
            Assert.True(System.Math.Abs(av - v[i * n + j] * lambda[j]) <= Tolerance, $"(AV − VΛ)[{i},{j}] = {av - v[i * n + j] * lambda[j]:G3}");
        }
    }

    [Fact]
    public void Eigenvectors_are_orthonormal()
    {
        const int n = 12;
        var (v, _) = Eigen(RandomSymmetric(n, 2), n);
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            double dot = 0;
            for (var p = 0; p < n; p++)
                dot += v[p * n + i] * v[p * n + j];
            Assert.True(System.Math.Abs(dot - (i == j ? 1 : 0)) <= Tolerance, $"(VᵀV)[{i},{j}] = {dot}");
        }
    }

    [Fact]
    public void Eigenvalues_come_in_ascending_order_and_sum_to_the_trace()
    {
        const int n = 12;
        var a = RandomSymmetric(n, 3);
        var (_, lambda) = Eigen(a, n);
        for (var k = 1; k < n; k++)
            Assert.True(lambda[k - 1] <= lambda[k], $"λ{k - 1} = {lambda[k - 1]} > λ{k} = {lambda[k]}");
        var trace = Enumerable.Range(0, n).Sum(i => a[i * n + i]);
        Assert.Equal(trace, lambda.Sum(), Tolerance);
    }

    [Fact]
    public void Only_the_upper_triangle_is_read()
    {
        const int n = 6;
        var full = RandomSymmetric(n, 4);
        var upper = (double[])full.Clone();
        for (var i = 1; i < n; i++)
        for (var j = 0; j < i; j++)
            upper[i * n + j] = double.NaN;
        var expected = Eigen(full, n);
        var actual = Eigen(upper, n);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected.Vectors, actual.Vectors);
    }

    [Fact]
    public void A_two_by_two_matrix_has_the_closed_form_eigenvalues()
    {
        // [[a, b], [b, c]]: λ = (a + c)/2 ∓ √(((a − c)/2)² + b²).
        double a = 2.5, b = -1.25, c = -0.75;
        var (_, lambda) = Eigen([a, b, b, c], 2);
        var radius = System.Math.Sqrt(System.Math.Pow((a - c) / 2, 2) + b * b);
        Assert.Equal((a + c) / 2 - radius, lambda[0], Tolerance);
        Assert.Equal((a + c) / 2 + radius, lambda[1], Tolerance);
    }

    [Fact]
    public void The_second_difference_matrix_has_eigenvalues_2_minus_2cos_k_pi_over_n_plus_1_and_sine_eigenvectors()
    {
        // Tridiagonal Toeplitz (2 on the diagonal, −1 beside it): λₖ = 2 − 2cos(kπ/(n+1)), vₖ(j) ∝ sin(jkπ/(n+1)),
        // k = 1..n already ascending.
        const int n = 10;
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[i * n + i] = 2;
            if (i + 1 < n)
                a[i * n + i + 1] = a[(i + 1) * n + i] = -1;
        }
        var (v, lambda) = Eigen(a, n);
        for (var k = 1; k <= n; k++)
        {
            Assert.Equal(2 - 2 * System.Math.Cos(k * System.Math.PI / (n + 1)), lambda[k - 1], Tolerance);
            // The normalised sine vector has norm √((n+1)/2); eigenvectors are unique up to sign here (distinct λ).
            double dot = 0;
            for (var j = 1; j <= n; j++)
                dot += System.Math.Sin(j * k * System.Math.PI / (n + 1)) / System.Math.Sqrt((n + 1) / 2.0) * v[(j - 1) * n + (k - 1)];
            Assert.Equal(1.0, System.Math.Abs(dot), Tolerance);
        }
    }

    [Fact]
    public void A_diagonal_matrix_gives_its_sorted_diagonal_and_unit_vectors_in_matching_columns()
    {
        double[] diagonal = [3, -1, 2];
        var a = new double[9];
        for (var i = 0; i < 3; i++)
            a[i * 3 + i] = diagonal[i];
        var (v, lambda) = Eigen(a, 3);
        Assert.Equal(new double[] { -1, 2, 3 }, lambda);
        // λ = −1 belongs to e₁, 2 to e₂, 3 to e₀: column k holds ±1 in that row.
        int[] rowOf = [1, 2, 0];
        for (var k = 0; k < 3; k++)
        for (var i = 0; i < 3; i++)
            Assert.Equal(i == rowOf[k] ? 1.0 : 0.0, System.Math.Abs(v[i * 3 + k]), Tolerance);
    }

    [Fact]
    public void SymmetricEigen_refuses_spans_that_are_too_short_or_a_negative_order()
    {
        Assert.Throws<ArgumentException>(() => Lapack.SymmetricEigen(new double[8], 3, new double[3]));
        Assert.Throws<ArgumentException>(() => Lapack.SymmetricEigen(new double[9], 3, new double[2]));
        Assert.ThrowsAny<ArgumentException>(() => Lapack.SymmetricEigen(new double[9], -1, new double[3]));
        Lapack.SymmetricEigen([], 0, []);
    }
}
