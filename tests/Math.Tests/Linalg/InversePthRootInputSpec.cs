using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>InversePthRoot's inputs: rejected values and shapes, the caller's matrix, 1×1 and zero matrices, λ_max.</summary>
public sealed class InversePthRootInputSpec
{
    public static TheoryData<RootMethod> Methods => new() { RootMethod.Eigh, RootMethod.CoupledNewton };

    private static double[] Spd(int n) => SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 1e3), seed: 31).Matrix;

    [Theory]
    [InlineData(3, 5, double.NaN, "NaN")]
    [InlineData(0, 0, double.PositiveInfinity, "+∞")]
    [InlineData(6, 2, double.NegativeInfinity, "−∞")]
    public void A_non_finite_entry_throws_naming_where_it_is(int row, int column, double value, string what)
    {
        const int n = 7;
        var a = Spd(n);
        a[row * n + column] = value;

        var error = Assert.Throws<NonFiniteMatrixException>(() => InversePthRoot.Compute(a, n, 4, new RootOptions()));

        Assert.Contains($"matrix entry ({row}, {column}) is {what}", error.Message);
    }

    [Theory, MemberData(nameof(Methods))]
    public void The_callers_matrix_is_left_unchanged(RootMethod method)
    {
        const int n = 33;
        var a = Spd(n);
        a[n] += 0.5; // an asymmetric lower triangle too
        var before = (double[])a.Clone();

        InversePthRoot.Compute(a, n, 4, new RootOptions { Method = method });
        InversePthRoot.Compute(a, n, 4, new RootOptions { Method = method }, new double[n * n]);

        Assert.Equal(before, a);
    }

    [Fact]
    public void Wrong_orders_exponents_and_short_spans_throw_argument_exceptions()
    {
        var options = new RootOptions();
        Assert.ThrowsAny<ArgumentException>(() => InversePthRoot.Compute(new double[4], 0, 4, options));
        Assert.ThrowsAny<ArgumentException>(() => InversePthRoot.Compute(new double[4], 2, 0, options));
        Assert.ThrowsAny<ArgumentException>(() => InversePthRoot.Compute(new double[4], 2, -1, options));
        Assert.ThrowsAny<ArgumentException>(() => InversePthRoot.Compute(new double[3], 2, 4, options));
        Assert.ThrowsAny<ArgumentException>(() => InversePthRoot.Compute(new double[4], 2, 4, options, new double[3]));
        Assert.Throws<ArgumentNullException>(() => InversePthRoot.Compute(new double[4], 2, 4, null!));
    }

    [Theory, MemberData(nameof(Methods))]
    public void Invalid_options_throw_before_any_work(RootMethod method)
    {
        var error = Assert.Throws<InvalidOptionsException>(() =>
            InversePthRoot.Compute(Spd(3), 3, 4, new RootOptions { Method = method, Retries = 6 }));
        Assert.Equal("retries", error.Option);
    }

    [Theory]
    [InlineData(RootMethod.Eigh, 1)]
    [InlineData(RootMethod.Eigh, 4)]
    [InlineData(RootMethod.CoupledNewton, 2)]
    [InlineData(RootMethod.CoupledNewton, 8)]
    public void A_one_by_one_root_is_a_plus_relative_ridge_to_the_minus_one_over_p(RootMethod method, int p)
    {
        const double a = 2.5;

        var root = InversePthRoot.Compute([a], 1, p, new RootOptions { Method = method });

        var ridge = 1e-6 * a;
        Assert.Equal(System.Math.Pow(a + ridge, -1.0 / p), root.Root![0], 1e-15);
        Assert.Equal(a, root.Diagnostics.LambdaMax);
        Assert.Equal(ridge, root.Diagnostics.Ridge, 1e-21);
        Assert.InRange(root.Diagnostics.Residual, 0, 8 * 1.1e-16 * p);
        Assert.Equal(0, root.Diagnostics.Iterations);
    }

    [Theory, MemberData(nameof(Methods))]
    public void A_zero_matrix_with_a_relative_ridge_uses_the_ridge_itself(RootMethod method)
    {
        const int n = 5, p = 4;
        const double ridge = 1e-4;

        var root = InversePthRoot.Compute(new double[n * n], n, p, new RootOptions { Method = method, Ridge = ridge });

        Assert.True(root.Accepted);
        Assert.Equal(0, root.Diagnostics.LambdaMax);
        Assert.Equal(ridge, root.Diagnostics.Ridge);
        var expected = SpdMatrix.Identity(n).Select(v => v * System.Math.Pow(ridge, -1.0 / p)).ToArray();
        // Newton at its default tolerance: e ≤ 1e-6 gives a relative error of at most n·e/p on X = 10·I.
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, expected), 0, 10 * n * 1e-6 / p);
    }

    [Fact]
    public void Lambda_max_is_found_when_the_all_ones_start_is_orthogonal_to_the_top_eigenvector()
    {
        // Eigenvectors (1, −1)/√2 for 10 and (1, 1)/√2 for 1: the all-ones start sees only λ = 1, exactly.
        var root = InversePthRoot.Compute([5.5, -4.5, -4.5, 5.5], 2, 2, new RootOptions());

        // Restarted from e₀ the iteration converges by (1/10)² a step and stops once λ moves by under 1e-6 relative.
        Assert.InRange(root.Diagnostics.LambdaMax, 10 * (1 - 1e-6), 10 * (1 + 1e-15));
        Assert.Equal(1e-6 * root.Diagnostics.LambdaMax, root.Diagnostics.Ridge);
    }

    [Fact]
    public void Lambda_max_is_found_when_the_all_ones_start_is_in_the_null_space()
    {
        var root = InversePthRoot.Compute([1, -1, -1, 1], 2, 2, new RootOptions());

        Assert.InRange(root.Diagnostics.LambdaMax, 2 * (1 - 1e-6), 2 * (1 + 1e-15));
        Assert.True(root.Accepted);
    }

    [Fact]
    public void Lambda_max_never_exceeds_the_largest_eigenvalue_and_is_close_to_it_when_the_gap_is_large()
    {
        const int n = 17;
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 1e8), seed: 32);

        var root = InversePthRoot.Compute(spd.Matrix, n, 4, new RootOptions { PowerTolerance = 1e-12 });

        // λ₂/λ₁ = 1e-8^(1/16) ≈ 0.32: 100 steps converge to rounding; a Rayleigh quotient is never above λ_max.
        Assert.InRange(root.Diagnostics.LambdaMax, spd.LambdaMax * (1 - 1e-12), spd.LambdaMax * (1 + 1e-13));
    }

    [Fact]
    public void Diagnostics_report_the_method_and_a_positive_wall_time()
    {
        var root = InversePthRoot.Compute(Spd(20), 20, 4, new RootOptions { Method = RootMethod.CoupledNewton });

        Assert.Equal(RootMethod.CoupledNewton, root.Diagnostics.Method);
        Assert.True(root.Diagnostics.Milliseconds > 0);
        Assert.True(root.Diagnostics.Iterations > 0);
    }
}
