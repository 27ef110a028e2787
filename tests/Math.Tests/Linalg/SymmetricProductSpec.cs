using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>The upper-triangle products behind the roots: blocked products, squares and binary powers.</summary>
public sealed class SymmetricProductSpec
{
    // Sums of n products of entries below 1 in magnitude (eigenvalues of the test matrix lie in (0, 1]): n·u each.
    private static double Tolerance(int n, int products) => 4 * products * n * 1.1e-16;

    [Theory]
    [InlineData(20)]
    [InlineData(300)]
    public void Product_of_commuting_symmetric_matrices_matches_a_full_product_and_is_exactly_symmetric(int n)
    {
        // A and A² commute: the product A·A² = A³ is symmetric, computed in block rows above order 256.
        var a = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 10), seed: 41).Matrix;
        var square = SpdMatrix.Multiply(a, a, n);
        var product = new double[n * n];

        Symmetric.Product(a, square, product, n);

        var expected = SpdMatrix.Multiply(a, square, n);
        Assert.InRange(SpdMatrix.MaxAbsDifference(product, expected), 0, Tolerance(n, 2));
        for (var i = 0; i < n; i++)
        for (var j = 0; j < i; j++)
            Assert.Equal(product[j * n + i], product[i * n + j]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Power_by_squaring_matches_repeated_multiplication(int p)
    {
        const int n = 20;
        var a = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 10), seed: 42).Matrix;
        using var work = new RootWorkspace(n, 3);

        var index = Symmetric.Power(a, p, n, work, [0, 1, 2]);

        var power = index < 0 ? a : work[index].AsSpan(0, n * n).ToArray();
        var expected = SpdMatrix.Identity(n);
        for (var k = 0; k < p; k++)
            expected = SpdMatrix.Multiply(expected, a, n);
        Assert.InRange(SpdMatrix.MaxAbsDifference(power, expected), 0, Tolerance(n, p));
        Assert.Equal(p == 1, index < 0);
    }

    [Fact]
    public void MirrorUpper_copies_the_upper_triangle_onto_the_lower_one()
    {
        const int n = 70;
        var a = Enumerable.Range(0, n * n).Select(k => (double)k).ToArray();

        Symmetric.MirrorUpper(a, n);

        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            Assert.Equal(i <= j ? i * n + j : j * n + i, a[i * n + j]);
    }
}
