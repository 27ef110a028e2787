using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>InversePthRoot with eigh: closed forms and random SPD matrices with known eigen-decompositions.</summary>
public sealed class InversePthRootEighSpec
{
    private static readonly RootOptions Eigh = new() { Method = RootMethod.Eigh };

    // Closed forms go through dsyevd of a matrix with O(1) entries: a few ulps per operation, n·u·‖X‖ at most.
    private static double ClosedFormTolerance(int n, double norm) => 64 * n * 1.1e-16 * norm;

    public static TheoryData<int, int> OrdersAndExponents()
    {
        var data = new TheoryData<int, int>();
        foreach (var n in new[] { 1, 2, 17 })
        foreach (var p in new[] { 1, 2, 4, 6, 8 })
            data.Add(n, p);
        return data;
    }

    [Theory, MemberData(nameof(OrdersAndExponents))]
    public void Eigh_root_of_the_identity_is_the_identity_times_one_plus_ridge_to_the_minus_one_over_p(int n, int p)
    {
        const double ridge = 0.25;
        var root = InversePthRoot.Compute(SpdMatrix.Identity(n), n, p, Eigh with { Ridge = ridge, RidgeKind = RidgeKind.Absolute });

        Assert.True(root.Accepted);
        var expected = SpdMatrix.Identity(n).Select(v => v * System.Math.Pow(1 + ridge, -1.0 / p)).ToArray();
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, expected), 0, ClosedFormTolerance(n, 1));
        Assert.Equal(ridge, root.Diagnostics.Ridge);
        Assert.Equal(1.0, root.Diagnostics.LambdaMax, 1e-12);
    }

    [Theory, MemberData(nameof(OrdersAndExponents))]
    public void Eigh_root_of_a_diagonal_matrix_is_the_elementwise_power(int n, int p)
    {
        var diagonal = Enumerable.Range(0, n).Select(i => 0.5 + 3.0 * ((i * 7) % n) / n).ToArray();
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
            a[i * n + i] = diagonal[i];
        const double ridge = 1e-3;

        var root = InversePthRoot.Compute(a, n, p, Eigh with { Ridge = ridge, RidgeKind = RidgeKind.Absolute });

        var expected = new double[n * n];
        for (var i = 0; i < n; i++)
            expected[i * n + i] = System.Math.Pow(diagonal[i] + ridge, -1.0 / p);
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, expected), 0, ClosedFormTolerance(n, expected.Max()));
        Assert.Equal(diagonal.Max(), root.Diagnostics.LambdaMax, 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void Eigh_root_of_a_rotated_two_by_two_matrix_is_the_rotated_power_of_its_eigenvalues(int p)
    {
        // A = R·diag(λ₁, λ₂)·Rᵀ with R the rotation by θ: A = [[c²λ₁ + s²λ₂, cs(λ₁ − λ₂)], [cs(λ₁ − λ₂), s²λ₁ + c²λ₂]],
        // and X the same with λᵢ replaced by (λᵢ + ε)^(−1/p).
        const double theta = 0.7, l1 = 3.0, l2 = 0.02, ridge = 1e-4;
        double c = System.Math.Cos(theta), s = System.Math.Sin(theta);
        double[] Rotated(double x1, double x2) =>
            [c * c * x1 + s * s * x2, c * s * (x1 - x2), c * s * (x1 - x2), s * s * x1 + c * c * x2];

        var root = InversePthRoot.Compute(Rotated(l1, l2), 2, p, Eigh with { Ridge = ridge, RidgeKind = RidgeKind.Absolute });

        var expected = Rotated(System.Math.Pow(l1 + ridge, -1.0 / p), System.Math.Pow(l2 + ridge, -1.0 / p));
        // κ = 150: the small eigenvalue's relative error is κ·u, scaled by 1/p in the root.
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, expected), 0, 150 * ClosedFormTolerance(2, expected.Max()));
        // Power iteration stops once λ changes by less than the tolerance (1e-6) relative; with λ₂/λ₁ = 1/150 the
        // estimate is then far closer than that.
        Assert.InRange(root.Diagnostics.LambdaMax, l1 * (1 - 1e-6), l1);
    }

    public static TheoryData<int, double, int> RandomCases() => SpdMatrix.RandomCases();

    [Theory, MemberData(nameof(RandomCases))]
    public void Eigh_root_of_a_random_SPD_matrix_matches_Q_times_the_powered_eigenvalues_times_Q_transposed(
        int n, double condition, int p)
    {
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, condition), seed: n + p);

        var root = InversePthRoot.Compute(spd.Matrix, n, p, Eigh);

        var d = root.Diagnostics;
        Assert.True(root.Accepted, $"rejected, residual {d.Residual}");
        // The relative ridge is ε·λ_max with λ_max from power iteration: never above the true one, and close enough for a
        // ridge (a change of 1e-6 per step can still leave 1e-5 behind when λ₂/λ₁ is near 1).
        Assert.InRange(d.LambdaMax, spd.LambdaMax * (1 - 1e-3), spd.LambdaMax * (1 + 1e-12));
        Assert.Equal(1e-6 * d.LambdaMax, d.Ridge, 1e-20);
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, spd.ReferenceRoot(d.Ridge, p)), 0, spd.RoundingTolerance(d.Ridge, p));
        // The residual of a backward-stable root is about κ·u, far inside the default acceptance threshold.
        Assert.InRange(d.Residual, 0, 1e3 * spd.Condition(d.Ridge) * 1.1e-16);
        Assert.Equal(RootMethod.Eigh, d.Method);
        Assert.Equal(0, d.Iterations);
        Assert.Equal(1, d.Attempts);
    }

    [Fact]
    public void Eigh_root_of_a_512_by_512_matrix_with_condition_1e8_matches_the_reference()
    {
        const int n = 512, p = 4;
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 1e8), seed: 5);

        var root = InversePthRoot.Compute(spd.Matrix, n, p, Eigh);

        Assert.True(root.Accepted);
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, spd.ReferenceRoot(root.Diagnostics.Ridge, p)), 0,
            spd.RoundingTolerance(root.Diagnostics.Ridge, p));
        Assert.InRange(root.Diagnostics.Residual, 0, 1e-6);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Eigh_root_of_a_rank_deficient_matrix_is_the_root_of_the_ridged_matrix(int p)
    {
        // Rank 10 of 40: thirty eigenvalues are exactly zero, so the root exists only through the ridge.
        const int n = 40;
        var eigenvalues = SpdMatrix.LogSpaced(n, 1e3).Select((l, i) => i < 10 ? l : 0).ToArray();
        var spd = SpdMatrix.WithEigenvalues(eigenvalues, seed: 9);

        var root = InversePthRoot.Compute(spd.Matrix, n, p, Eigh);

        Assert.True(root.Accepted);
        Assert.InRange(root.Diagnostics.Ridge, 1e-6 * spd.LambdaMax * (1 - 1e-3), 1e-6 * spd.LambdaMax * (1 + 1e-12));
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, spd.ReferenceRoot(root.Diagnostics.Ridge, p)), 0,
            spd.RoundingTolerance(root.Diagnostics.Ridge, p));
    }

    [Fact]
    public void Eigh_residual_is_max_abs_of_X_to_the_p_times_the_ridged_matrix_minus_identity()
    {
        const int n = 17, p = 3;
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 1e6), seed: 3);
        var options = Eigh with { Ridge = 1e-9, RidgeKind = RidgeKind.Absolute };

        var root = InversePthRoot.Compute(spd.Matrix, n, p, options);

        // Both are rounding-level (κ·u ≈ 1e-10 here); they agree to that level, not digit for digit.
        var independent = SpdMatrix.Residual(root.Root!, spd.Matrix, n, p, options.Ridge);
        Assert.InRange(root.Diagnostics.Residual, 0, 1e-8);
        Assert.InRange(System.Math.Abs(root.Diagnostics.Residual - independent), 0, 1e-8);
    }

    [Fact]
    public void Eigh_uses_only_the_upper_triangle()
    {
        const int n = 9, p = 4;
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 1e2), seed: 4);
        var garbled = (double[])spd.Matrix.Clone();
        for (var i = 1; i < n; i++)
        for (var j = 0; j < i; j++)
            garbled[i * n + j] = 1e3 * (i - j);

        var symmetric = InversePthRoot.Compute(spd.Matrix, n, p, Eigh);
        var upper = InversePthRoot.Compute(garbled, n, p, Eigh);

        Assert.Equal(symmetric.Root, upper.Root);
    }
}
