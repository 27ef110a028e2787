using ShampooActors.Math.Tests.Support;
using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>InversePthRoot's acceptance rule, retries with a growing ridge, and what happens to a rejected root.</summary>
[Collection(nameof(AloneCollection))]
public sealed class InversePthRootAcceptanceSpec
{
    /// <summary>
    /// Rank 9 of 17 with an absolute ridge far below rounding: the stored matrix's zero eigenvalues come out of
    /// float64 as ±1e-17 or so, so A + ε·I is not what its eigenvalues claim and the residual is huge; a ridge well
    /// above u·λ_max ≈ 1e-16 makes the root accurate again.
    /// </summary>
    private static SpdMatrix RankDeficient() =>
        SpdMatrix.WithEigenvalues(SpdMatrix.LogSpaced(17, 1e2).Select((l, i) => i < 9 ? l : 0).ToArray(), seed: 21);

    private static readonly RootOptions TinyAbsoluteRidge = new() { Ridge = 1e-17, RidgeKind = RidgeKind.Absolute };

    [Theory]
    [InlineData(RootMethod.Eigh)]
    [InlineData(RootMethod.CoupledNewton)]
    public void A_root_whose_residual_reaches_the_threshold_is_rejected_with_a_null_root_and_its_diagnostics(RootMethod method)
    {
        var spd = RankDeficient();

        var root = InversePthRoot.Compute(spd.Matrix, 17, 4, TinyAbsoluteRidge with { Method = method });

        Assert.False(root.Accepted);
        Assert.Null(root.Root);
        var d = root.Diagnostics;
        Assert.False(d.Accepted);
        Assert.True(d.Residual >= TinyAbsoluteRidge.AcceptResidual, $"residual {d.Residual}");
        Assert.Equal(1, d.Attempts);
        Assert.Equal(1e-17, d.Ridge);
        Assert.Equal(method, d.Method);
    }

    [Theory]
    [InlineData(RootMethod.Eigh)]
    [InlineData(RootMethod.CoupledNewton)]
    public void A_rejected_root_is_retried_with_the_ridge_times_ten_until_one_is_accepted(RootMethod method)
    {
        var spd = RankDeficient();
        var options = TinyAbsoluteRidge with { Method = method, Retries = 5 };

        var root = InversePthRoot.Compute(spd.Matrix, 17, 4, options);

        var d = root.Diagnostics;
        Assert.True(root.Accepted, $"still rejected after {d.Attempts} attempts, residual {d.Residual}");
        Assert.InRange(d.Attempts, 2, 6);
        Assert.Equal(1e-17 * System.Math.Pow(10, d.Attempts - 1), d.Ridge, 1e-12 * d.Ridge);
        Assert.True(d.Residual < options.AcceptResidual);
        // The attempt before the accepted one was rejected on its own, and the accepted one is exactly the root of
        // a single attempt at the final ridge.
        var before = InversePthRoot.Compute(spd.Matrix, 17, 4, options with { Retries = 0, Ridge = d.Ridge / 10 });
        var single = InversePthRoot.Compute(spd.Matrix, 17, 4, options with { Retries = 0, Ridge = d.Ridge });
        Assert.False(before.Accepted);
        Assert.Equal(single.Root, root.Root);
    }

    [Fact]
    public void When_every_retry_fails_the_root_is_rejected_after_one_plus_retries_attempts_at_the_last_ridge()
    {
        var spd = RankDeficient();
        var options = TinyAbsoluteRidge with { Ridge = 1e-20, Retries = 2 };

        var root = InversePthRoot.Compute(spd.Matrix, 17, 4, options);

        Assert.Null(root.Root);
        Assert.Equal(3, root.Diagnostics.Attempts);
        Assert.Equal(1e-18, root.Diagnostics.Ridge, 1e-30);
    }

    [Fact]
    public void The_span_overload_writes_an_accepted_root_and_leaves_the_destination_alone_on_rejection()
    {
        var spd = RankDeficient();
        var destination = Enumerable.Repeat(42.0, 17 * 17).ToArray();

        var rejected = InversePthRoot.Compute(spd.Matrix, 17, 4, TinyAbsoluteRidge, destination);
        Assert.False(rejected.Accepted);
        Assert.All(destination, v => Assert.Equal(42.0, v));

        var accepted = InversePthRoot.Compute(spd.Matrix, 17, 4, new RootOptions(), destination);
        Assert.True(accepted.Accepted);
        Assert.Equal(InversePthRoot.Compute(spd.Matrix, 17, 4, new RootOptions()).Root, destination);
    }

    [Fact]
    public void Newton_returns_the_previous_iterate_when_its_error_rises_by_a_fifth()
    {
        // A statistic that rounding left slightly indefinite (λ = −1e-12) with a tiny absolute ridge: Newton's M has
        // a negative eigenvalue that it pushes further away every step, so once the others have converged the error
        // grows, and the guard must hand back the iterate from before the rise (not necessarily the best one: the error
        // may dip and climb by less than the factor first).
        const int n = 17, p = 4;
        var eigenvalues = SpdMatrix.LogSpaced(n, 1e4).Select((l, i) => i == n - 1 ? -1e-12 : l).ToArray();
        var spd = SpdMatrix.WithEigenvalues(eigenvalues, seed: 23);
        var options = new RootOptions
        {
            Method = RootMethod.CoupledNewton, Ridge = 1e-20, RidgeKind = RidgeKind.Absolute,
            AcceptResidual = double.MaxValue,
        };

        var guarded = InversePthRoot.Compute(spd.Matrix, n, p, options);
        var k = guarded.Diagnostics.Iterations;
        var previous = InversePthRoot.Compute(spd.Matrix, n, p, options with { NewtonMaxIterations = k - 1 });

        // It stopped early, neither at the cap nor at the tolerance ...
        Assert.InRange(k, 2, options.NewtonMaxIterations - 1);
        Assert.True(guarded.Diagnostics.NewtonError > options.NewtonTolerance);
        // ... and what it returned is iterate k − 1, with that iterate's error ...
        Assert.Equal(k - 1, previous.Diagnostics.Iterations);
        Assert.Equal(previous.Diagnostics.NewtonError, guarded.Diagnostics.NewtonError);
        Assert.Equal(previous.Root, guarded.Root);
        // ... while no earlier step rose by the factor (errors taken from runs capped at each step).
        var errors = Enumerable.Range(1, k - 1)
            .Select(cap => InversePthRoot.Compute(spd.Matrix, n, p, options with { NewtonMaxIterations = cap }).Diagnostics.NewtonError)
            .ToList();
        for (var i = 1; i < errors.Count; i++)
            Assert.True(errors[i] < 1.2 * errors[i - 1], $"error rose from {errors[i - 1]} to {errors[i]} at step {i + 1}");
        // The true residual sees the negative eigenvalue that Newton's error only hinted at.
        Assert.True(guarded.Diagnostics.Residual >= new RootOptions().AcceptResidual);
    }
}
