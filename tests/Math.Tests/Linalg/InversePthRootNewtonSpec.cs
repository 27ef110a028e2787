using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>InversePthRoot with coupled Newton: accuracy against known decompositions and the three stopping rules.</summary>
public sealed class InversePthRootNewtonSpec
{
    private static readonly RootOptions Newton = new() { Method = RootMethod.CoupledNewton };

    /// <summary>
    /// Newton stops with M = Xᵖ·A_ε = I + E, max|E| = e ≤ tolerance; then X = A_ε^(−1/p)·(I + E)^(1/p), so
    /// ‖X − X_exact‖ ≲ ‖X‖·‖E‖₂/p ≤ ‖X‖·n·e/p. Each iteration also adds rounding of the size eigh makes once;
    /// the iterations are counted generously (64).
    /// </summary>
    private static double NewtonTolerance(SpdMatrix spd, double ridge, int p, double tolerance) =>
        spd.N * tolerance / p * spd.RootNorm(ridge, p) + 64 * spd.RoundingTolerance(ridge, p);

    public static TheoryData<int, double, int> RandomCases() => SpdMatrix.RandomCases();

    [Theory, MemberData(nameof(RandomCases))]
    public void Newton_root_of_a_random_SPD_matrix_matches_Q_times_the_powered_eigenvalues_times_Q_transposed(
        int n, double condition, int p)
    {
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, condition), seed: 100 + n + p);

        var root = InversePthRoot.Compute(spd.Matrix, n, p, Newton);

        var d = root.Diagnostics;
        Assert.True(root.Accepted, $"rejected, residual {d.Residual}, error {d.NewtonError}, {d.Iterations} iterations");
        Assert.Equal(RootMethod.CoupledNewton, d.Method);
        Assert.InRange(d.NewtonError, 0, Newton.NewtonTolerance);
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, spd.ReferenceRoot(d.Ridge, p)), 0,
            NewtonTolerance(spd, d.Ridge, p, Newton.NewtonTolerance));
        // The reported residual is that of the returned X, not Newton's e (which rounding decouples from X: e can reach
        // 1e-16 while max|Xᵖ·A_ε − I| stays near κ·u·iterations). Formed in another order by plain loops, each entry
        // of Xᵖ·A_ε differs by rounding of a sum of p·n products bounded by κ: about p·n·u·κ.
        var independent = SpdMatrix.Residual(root.Root!, spd.Matrix, n, p, d.Ridge);
        Assert.InRange(System.Math.Abs(d.Residual - independent), 0, 4 * p * n * 1.1e-16 * spd.Condition(d.Ridge));
    }

    [Fact]
    public void Newton_root_of_a_512_by_512_matrix_with_condition_1e4_matches_the_reference()
    {
        const int n = 512, p = 4;
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 1e4), seed: 6);

        var root = InversePthRoot.Compute(spd.Matrix, n, p, Newton);

        Assert.True(root.Accepted);
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, spd.ReferenceRoot(root.Diagnostics.Ridge, p)), 0,
            NewtonTolerance(spd, root.Diagnostics.Ridge, p, Newton.NewtonTolerance));
        Assert.InRange(root.Diagnostics.Residual, 0, 1e-6);
    }

    [Fact]
    public void Newton_root_of_a_rank_deficient_matrix_is_the_root_of_the_ridged_matrix()
    {
        const int n = 40, p = 4;
        var eigenvalues = SpdMatrix.LogSpaced(n, 1e3).Select((l, i) => i < 10 ? l : 0).ToArray();
        var spd = SpdMatrix.WithEigenvalues(eigenvalues, seed: 9);

        var root = InversePthRoot.Compute(spd.Matrix, n, p, Newton);

        Assert.True(root.Accepted);
        Assert.InRange(SpdMatrix.MaxAbsDifference(root.Root, spd.ReferenceRoot(root.Diagnostics.Ridge, p)), 0,
            NewtonTolerance(spd, root.Diagnostics.Ridge, p, Newton.NewtonTolerance));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void Newton_root_of_a_diagonal_matrix_is_the_elementwise_power(int p)
    {
        const int n = 6;
        double[] diagonal = [4, 0.5, 2, 1, 3, 0.25];
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
            a[i * n + i] = diagonal[i];
        var options = Newton with { Ridge = 1e-3, RidgeKind = RidgeKind.Absolute, NewtonTolerance = 1e-12 };

        var root = InversePthRoot.Compute(a, n, p, options);

        // e ≤ 1e-12 bounds each diagonal entry's relative error by e/p; the off-diagonal stays exactly 0.
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            var expected = i == j ? System.Math.Pow(diagonal[i] + 1e-3, -1.0 / p) : 0;
            Assert.Equal(expected, root.Root![i * n + j], 1e-11 * System.Math.Max(1, expected));
        }
    }

    [Fact]
    public void Newton_stops_at_the_tolerance_after_few_iterations_for_a_well_conditioned_matrix()
    {
        const int n = 17, p = 4;
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 2), seed: 2);

        var root = InversePthRoot.Compute(spd.Matrix, n, p, Newton);
        var oneFewer = InversePthRoot.Compute(spd.Matrix, n, p, Newton with
        {
            NewtonMaxIterations = root.Diagnostics.Iterations - 1,
            AcceptResidual = 10,
        });

        // Quadratic convergence from M₀ = z·A_ε with eigenvalues in [0.3, 0.6]: a handful of steps, not the cap.
        Assert.InRange(root.Diagnostics.Iterations, 2, 8);
        Assert.InRange(root.Diagnostics.NewtonError, 0, Newton.NewtonTolerance);
        // It stopped at the first iterate inside the tolerance.
        Assert.True(oneFewer.Diagnostics.NewtonError > Newton.NewtonTolerance);
    }

    [Fact]
    public void Newton_needs_more_iterations_for_a_tighter_tolerance()
    {
        const int n = 17, p = 4;
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 1e3), seed: 12);

        var loose = InversePthRoot.Compute(spd.Matrix, n, p, Newton with { NewtonTolerance = 1e-2 });
        var tight = InversePthRoot.Compute(spd.Matrix, n, p, Newton with { NewtonTolerance = 1e-12 });

        Assert.True(tight.Diagnostics.Iterations > loose.Diagnostics.Iterations);
        Assert.InRange(loose.Diagnostics.NewtonError, 0, 1e-2);
        Assert.InRange(tight.Diagnostics.NewtonError, 0, 1e-12);
    }

    [Fact]
    public void Newton_stops_at_the_iteration_cap_and_the_root_is_judged_by_its_residual()
    {
        const int n = 17, p = 4;
        var spd = SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(n, 1e4), seed: 7);

        var strict = InversePthRoot.Compute(spd.Matrix, n, p, Newton with { NewtonMaxIterations = 3 });
        var lenient = InversePthRoot.Compute(spd.Matrix, n, p, Newton with { NewtonMaxIterations = 3, AcceptResidual = 10 });

        Assert.Equal(3, strict.Diagnostics.Iterations);
        Assert.True(strict.Diagnostics.NewtonError > Newton.NewtonTolerance);
        // Three steps leave the small eigenvalues far from converged: the default threshold rejects the root ...
        Assert.True(strict.Diagnostics.Residual >= Newton.AcceptResidual);
        Assert.False(strict.Accepted);
        Assert.Null(strict.Root);
        // ... a lenient one accepts the same iterate, and its reported residual is the independent max|Xᵖ·A_ε − I|.
        Assert.Equal(3, lenient.Diagnostics.Iterations);
        Assert.True(lenient.Accepted);
        Assert.Equal(strict.Diagnostics.Residual, lenient.Diagnostics.Residual);
        var independent = SpdMatrix.Residual(lenient.Root!, spd.Matrix, n, p, lenient.Diagnostics.Ridge);
        Assert.Equal(independent, lenient.Diagnostics.Residual, 1e-12 * System.Math.Max(1, independent));
    }
}
