using ShampooActors.Math.Optim;
using static ShampooActors.Math.Tests.Optim.SoNew.SoNewReference;

namespace ShampooActors.Math.Tests.Optim.SoNew;

public sealed class SoNewFactorSpec
{
    /// <summary>Band statistics from random SPD matrices have eigenvalues in about [0.1, 4]: X and its inverse lose a few digits of 1e-16.</summary>
    private const double Tolerance = 1e-10;

    public static TheoryData<int, int> Cases => new()
    {
        { 1, 8 }, { 1, 23 }, { 1, 40 }, { 2, 9 }, { 2, 31 }, { 3, 12 }, { 3, 40 }, { 4, 17 }, { 4, 33 },
    };

    /// <summary>ψ and 1/c in float64: the tridiagonal builder for b = 1, the banded one otherwise.</summary>
    private static (double[] Psi, double[] InvC) Factor(double[] h, int n, int b, double damping = 0)
    {
        var psi = new double[n * b];
        var invC = new double[n];
        if (b == 1)
        {
            var bands = Bands(h, n, 1);
            TridiagonalFactor.Factor<double>(bands[0], bands[1], damping, psi, invC);
        }
        else
            BandedFactor.Factor(new DenseBand(h, n), n, b, damping, psi, invC, new double[BandedFactor.WorkLength(b)]);
        return (psi, invC);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_inverse_of_X_equals_H_on_the_band(int b, int n)
    {
        var h = RandomSpd(n, seed: 100 * b + n);
        var (psi, invC) = Factor(h, n, b);
        var y = Inverse(Assemble(psi, invC, n, b), n);

        for (var i = 0; i < n; i++)
        {
            for (var j = i; j <= System.Math.Min(n - 1, i + b); j++)
                Assert.True(System.Math.Abs(y[i * n + j] - h[i * n + j]) <= Tolerance, $"({i},{j}): X⁻¹ = {y[i * n + j]:R}, H = {h[i * n + j]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void X_is_positive_definite_and_zero_beyond_the_band(int b, int n)
    {
        var h = RandomSpd(n, seed: 100 * b + n);
        var (psi, invC) = Factor(h, n, b);
        var x = Assemble(psi, invC, n, b);

        Assert.True(IsPositiveDefinite(x, n));
        for (var i = 0; i < n; i++)
        {
            for (var j = i + b + 1; j < n; j++)
                Assert.True(System.Math.Abs(x[i * n + j]) <= 1e-12, $"X({i},{j}) = {x[i * n + j]:R} beyond band {b}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void X_equals_the_clique_formula_for_the_inverse_of_the_max_determinant_completion(int b, int n)
    {
        var h = RandomSpd(n, seed: 100 * b + n);
        var (psi, invC) = Factor(h, n, b);
        var x = Assemble(psi, invC, n, b);
        var expected = CliqueInverse(h, n, b);

        for (var i = 0; i < n * n; i++)
            Assert.True(System.Math.Abs(x[i] - expected[i]) <= Tolerance * System.Math.Max(1, System.Math.Abs(expected[i])), $"entry {i}: {x[i]:R} vs {expected[i]:R}");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(29)]
    public void The_tridiagonal_completion_has_the_Markov_entries_outside_the_band(int n)
    {
        // The max-determinant completion Y of a tridiagonal band is the Gauss–Markov chain's covariance:
        // Y_{i,k} = Y_{i,k−1}·Y_{k−1,k} / Y_{k−1,k−1} for k > i + 1.
        var h = RandomSpd(n, seed: n);
        var (psi, invC) = Factor(h, n, 1);
        var y = Inverse(Assemble(psi, invC, n, 1), n);

        for (var i = 0; i < n; i++)
        {
            for (var k = i + 2; k < n; k++)
            {
                var markov = y[i * n + k - 1] * y[(k - 1) * n + k] / y[(k - 1) * n + k - 1];
                Assert.True(System.Math.Abs(y[i * n + k] - markov) <= Tolerance, $"({i},{k}): {y[i * n + k]:R} vs {markov:R}");
            }
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(37)]
    public void The_banded_builder_with_band_1_gives_the_tridiagonal_factor(int n)
    {
        var h = RandomSpd(n, seed: 7 * n);
        var bands = Bands(h, n, 1);
        var (psiT, invCT) = (new double[n], new double[n]);
        TridiagonalFactor.Factor<double>(bands[0], bands[1], 0.01, psiT, invCT);
        var (psiB, invCB) = (new double[n], new double[n]);
        BandedFactor.Factor(new DenseBand(h, n), n, 1, 0.01, psiB, invCB, new double[BandedFactor.WorkLength(1)]);

        for (var j = 0; j < n; j++)
        {
            Assert.Equal(psiT[j], psiB[j], 1e-14);
            Assert.Equal(invCT[j], invCB[j], 1e-12);
        }
    }

    [Fact]
    public void A_tridiagonal_window_that_is_not_positive_definite_drops_its_edge()
    {
        // d = 1 everywhere, e = (0.5, 2, 0.5): window (1, 2) is [[1, 2], [2, 1]] with determinant −3, c₁ = 1 − 2²/1 = −3.
        // The rule drops that edge: ψ₁ = 0 and c₁ = d₁ = 1; the other edges keep ψ = 0.5/1 and c = 1 − 0.25 = 0.75.
        const int n = 4;
        double[] h = [1, 0.5, 0, 0, 0.5, 1, 2, 0, 0, 2, 1, 0.5, 0, 0, 0.5, 1];
        var (psi, invC) = Factor(h, n, 1);

        Assert.Equal([0.5, 0, 0.5, 0], psi);
        Assert.Equal([1 / 0.75, 1, 1 / 0.75, 1], invC);
        var x = Assemble(psi, invC, n, 1);
        Assert.All(x, v => Assert.True(double.IsFinite(v)));
        Assert.True(IsPositiveDefinite(x, n));
        // X splits into the blocks {0, 1} and {2, 3}; each block's inverse is H's window there, and the dropped edge reads 0.
        var y = Inverse(x, n);
        Assert.Equal(0.5, y[0 * n + 1], 1e-15);
        Assert.Equal(0.5, y[2 * n + 3], 1e-15);
        Assert.Equal(0, y[1 * n + 2], 1e-15);
        Assert.All(new[] { y[0], y[5], y[10], y[15] }, v => Assert.Equal(1, v, 1e-15));
    }

    [Fact]
    public void A_zero_row_without_damping_gets_no_direction()
    {
        // d = (1, 0, 1), e = 0: c₁ = 0 is dropped to d₁ = 0, which has no inverse; 1/c₁ := 0.
        double[] h = [1, 0, 0, 0, 0, 0, 0, 0, 1];
        var (psi, invC) = Factor(h, 3, 1);

        Assert.Equal([0, 0, 0], psi);
        Assert.Equal([1, 0, 1], invC);
    }

    [Fact]
    public void A_banded_window_whose_farthest_covariance_is_too_large_has_it_shrunk_until_c_is_machine_epsilon()
    {
        // j = 0 with b = 2: H₀₀ = 1, neighbours uncorrelated (S = I), s = (0.6, 0.9): c = 1 − 0.36 − 0.81 = −0.17.
        // Shrinking the farthest entry to 0 would give c = 0.64 ≥ ε, so it is scaled by α with 0.36 + 0.81α² = 1 − ε:
        // α = √((0.64 − ε)/0.81), ψ₀ = S⁻¹·(0.6, 0.9α) = (0.6, 0.9α) and c₀ = ε·H₀₀ = 2⁻⁵².
        const int n = 3;
        double[] h = [1, 0.6, 0.9, 0.6, 1, 0, 0.9, 0, 1];
        var (psi, invC) = Factor(h, n, 2);

        var eps = System.Math.Pow(2, -52);
        var alpha = System.Math.Sqrt((0.64 - eps) / 0.81);
        Assert.Equal(0.6, psi[0], 1e-15);
        Assert.Equal(0.9 * alpha, psi[1], 1e-15);
        Assert.Equal(1 / eps, invC[0], 1e-15 / eps);
        AssertSpdAndFinite(psi, invC, n, 2);
    }

    [Fact]
    public void A_banded_window_that_zeroing_the_farthest_covariance_cannot_fix_shrinks_the_next_one_inward()
    {
        // j = 0 with b = 2: H₀₀ = 1, S = [[1, 0.9], [0.9, 1]] (det 0.19), s = (0.9, −0.9).
        // ψ = S⁻¹s = (9, −9), c = 1 − 16.2 < 0. With s₁ = 0: S⁻¹(0.9, 0) = (0.9/0.19)·(1, −0.9), sᵀψ = 0.81/0.19 ≈ 4.26,
        // c = −3.26 still below ε, so s₁ stays 0 and s₀ is scaled by β with β²·0.81/0.19 = 1 − ε:
        // β = √((1 − ε)·0.19/0.81), ψ₀ = (0.9β/0.19)·(1, −0.9), c₀ = ε.
        const int n = 3;
        double[] h = [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1];
        var (psi, invC) = Factor(h, n, 2);

        var eps = System.Math.Pow(2, -52);
        var beta = System.Math.Sqrt((1 - eps) * 0.19 / 0.81);
        Assert.Equal(0.9 * beta / 0.19, psi[0], 1e-13);
        Assert.Equal(-0.9 * 0.9 * beta / 0.19, psi[1], 1e-13);
        Assert.Equal(1 / eps, invC[0], 1e-12 / eps);
        AssertSpdAndFinite(psi, invC, n, 2);
    }

    [Fact]
    public void A_singular_neighbourhood_leaves_out_the_neighbours_from_the_first_zero_pivot_on()
    {
        // j = 0 with b = 2: neighbours 1 and 2 are perfectly correlated (S = [[1, 1], [1, 1]], singular); the Cholesky
        // pivot of neighbour 2 is 1 − 1 = 0, so only neighbour 1 is kept: ψ₀ = (0.5/1, 0), c₀ = 1 − 0.25 = 0.75.
        const int n = 3;
        double[] h = [1, 0.5, 0.5, 0.5, 1, 1, 0.5, 1, 1];
        var (psi, invC) = Factor(h, n, 2);

        Assert.Equal(0.5, psi[0]);
        Assert.Equal(0, psi[1]);
        Assert.Equal(1 / 0.75, invC[0], 1e-15);
        AssertSpdAndFinite(psi, invC, n, 2);
    }

    private static void AssertSpdAndFinite(double[] psi, double[] invC, int n, int b)
    {
        // X = Uᵀ·diag(1/c)·U with U unit upper triangular is SPD exactly when every 1/c is positive (zᵀXz = Σ (Uz)_j²/c_j
        // and U is invertible). A numerical Cholesky of the assembled X cannot confirm it here: 1/c = 2⁵² next to O(1)
        // entries puts X's condition number at about 1/ε, so its pivots cancel to rounding noise.
        Assert.All(psi, v => Assert.True(double.IsFinite(v)));
        Assert.All(invC, v => Assert.True(double.IsFinite(v) && v > 0));
        Assert.All(Assemble(psi, invC, n, b), v => Assert.True(double.IsFinite(v)));
    }
}
