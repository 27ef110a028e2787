using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>Whole Neumann trajectories against the float64 transcription of the equations in <see cref="ReferenceNeumann"/>.</summary>
public sealed class NeumannStepSpec
{
    /// <summary>
    /// Values stay O(1); sixteen steps of a dozen float32 operations each, with a regularizer whose β/ρ² amplifies
    /// differences in ρ a little, stay within a few hundred ulps, so 2e-5 passes a correct rule. A wrong rule (a lost
    /// regularizer, the old m in the w update, per-parameter ρ) moves values by 1e-3 or more within these steps.
    /// </summary>
    private const double Tolerance = 2e-5;

    private static ReferenceNeumann Reference(NeumannOptions o, double[][] w0) =>
        new(w0, o.Lr, o.Alpha, o.BetaPerScalar, o.Gamma, o.MuMin, o.MuMax, o.EpochSteps, o.WarmupEpochs, o.ResetEpochs, o.DistanceGuard);

    private static double[][] Run(ReferenceNeumann reference, int steps)
    {
        for (var t = 1; t <= steps; t++)
            reference.Step(NeumannFixture.GradientsInDouble(t));
        return [reference.W.SelectMany(x => x).ToArray()];
    }

    [Fact]
    public void Sixteen_steps_through_warm_up_and_two_resets_match_the_equations()
    {
        // Steps 1-2 SGD, 3 reset, 4-6 regularized, 7 reset (period 4 steps), 8-14 regularized, 15 reset (period 8).
        var options = NeumannFixture.Small;
        var (a, b) = NeumannFixture.Parameters();
        var reference = Reference(options, [NeumannFixture.Doubles(a.Data), NeumannFixture.Doubles(b.Data)]);
        var neumann = new Neumann([a, b], options);
        for (var t = 1; t <= 16; t++)
        {
            NeumannFixture.StepWith(neumann, a, b, t);
            reference.Step(NeumannFixture.GradientsInDouble(t));
            OptimFixture.AssertClose(reference.W[0], a.Data, $"w of a after step {t}", Tolerance);
            OptimFixture.AssertClose(reference.W[1], b.Data, $"w of b after step {t}", Tolerance);
            OptimFixture.AssertClose(reference.M[0], neumann.GetState(a)!.Buffer("momentum").Data, $"m of a after step {t}", Tolerance);
            OptimFixture.AssertClose(reference.V[1], neumann.GetState(b)!.Buffer("moving_average").Data, $"v of b after step {t}", Tolerance);
        }
    }

    [Fact]
    public void The_regularizer_matters_at_these_settings()
    {
        // Guards the test above: without α and β the trajectory differs far beyond its tolerance.
        var (a, b) = NeumannFixture.Parameters();
        double[][] w0 = [NeumannFixture.Doubles(a.Data), NeumannFixture.Doubles(b.Data)];
        var with = Run(Reference(NeumannFixture.Small, w0), 16);
        var without = Run(Reference(NeumannFixture.Small with { Alpha = 0, BetaPerScalar = 0 }, w0), 16);

        Assert.True(OptimFixture.MaxDifference(with, without) > 100 * Tolerance, $"difference {OptimFixture.MaxDifference(with, without):E2}");
    }

    [Fact]
    public void Parameters_in_separate_groups_share_one_distance_and_one_beta()
    {
        var options = NeumannFixture.Small;
        var (a, b) = NeumannFixture.Parameters();
        var reference = Reference(options, [NeumannFixture.Doubles(a.Data), NeumannFixture.Doubles(b.Data)]);
        var neumann = new Neumann([new ParamGroupSpec<NeumannOptions>([a]), new ParamGroupSpec<NeumannOptions>([b])], options);
        for (var t = 1; t <= 8; t++)
        {
            NeumannFixture.StepWith(neumann, a, b, t);
            reference.Step(NeumannFixture.GradientsInDouble(t));
        }

        Assert.Equal(24, neumann.ScalarCount);
        OptimFixture.AssertClose(reference.W[0], a.Data, "w of a", Tolerance);
        OptimFixture.AssertClose(reference.W[1], b.Data, "w of b", Tolerance);
    }

    [Fact]
    public void With_the_average_on_the_weights_the_regularizer_is_skipped_and_the_step_is_finite()
    {
        // No warm-up: v = w at step 1, which is a reset and moves neither, so step 2 has ρ = 0 exactly.
        var options = NeumannFixture.Small with { WarmupEpochs = 0 };
        var (a, b) = NeumannFixture.Parameters();
        double[][] w0 = [NeumannFixture.Doubles(a.Data), NeumannFixture.Doubles(b.Data)];
        var neumann = new Neumann([a, b], options);
        NeumannFixture.StepWith(neumann, a, b, 1);
        Assert.Equal(NeumannFixture.Bits(a.Data), NeumannFixture.Bits(neumann.GetState(a)!.Buffer("moving_average").Data));

        NeumannFixture.StepWith(neumann, a, b, 2);

        var all = a.ToArray().Concat(b.ToArray())
            .Concat(new[] { a, b }.SelectMany(p => neumann.GetState(p)!.Buffer("momentum").ToArray().Concat(neumann.GetState(p)!.Buffer("moving_average").ToArray())));
        Assert.All(all, x => Assert.True(float.IsFinite(x), $"{x}"));
        // The step equals the unregularized iteration m = μm − ηg, w ← w + μm − ηg.
        var unregularized = Reference(options with { Alpha = 0, BetaPerScalar = 0 }, w0);
        for (var t = 1; t <= 2; t++)
            unregularized.Step(NeumannFixture.GradientsInDouble(t));
        OptimFixture.AssertClose(unregularized.W[0], a.Data, "w of a", Tolerance);
        OptimFixture.AssertClose(unregularized.W[1], b.Data, "w of b", Tolerance);
    }

    [Fact]
    public void Parameters_without_a_gradient_are_skipped()
    {
        var (a, b) = NeumannFixture.Parameters();
        var neumann = new Neumann([a, b], NeumannFixture.Small);
        NeumannFixture.StepWith(neumann, a, b, 1);
        var before = b.ToArray();
        b.Grad = null;
        neumann.Step();

        Assert.Equal(before, b.ToArray());
        Assert.Equal(1, neumann.GetState(b)!.Step);
        Assert.Equal(2, neumann.GetState(a)!.Step);
    }
}
