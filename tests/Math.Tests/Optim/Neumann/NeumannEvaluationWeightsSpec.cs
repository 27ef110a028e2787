using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>The weights w − μm that <see cref="Neumann.EvaluationWeights"/> puts in, and the exact return of w.</summary>
public sealed class NeumannEvaluationWeightsSpec
{
    [Fact]
    public void Inside_the_scope_the_parameters_hold_w_minus_mu_m_and_after_it_w_bit_for_bit()
    {
        // After step 12 of the small schedules (2-step epochs, warm-up of 2 steps): Neumann step n = 10, t = 9/2 epochs,
        // μ = 1 − 1/5.5 = 9/11.
        var (a, b) = NeumannFixture.Parameters();
        var neumann = new Neumann([a, b], NeumannFixture.Small);
        for (var t = 1; t <= 12; t++)
            NeumannFixture.StepWith(neumann, a, b, t);
        const double mu = 9.0 / 11;
        var w = new[] { a, b }.Select(p => p.ToArray()).ToArray();
        var m = new[] { a, b }.Select(p => neumann.GetState(p)!.Buffer("momentum").ToArray()).ToArray();

        using (neumann.EvaluationWeights())
        {
            for (var j = 0; j < 2; j++)
            {
                var expected = w[j].Select((x, i) => x - (float)mu * m[j][i]).ToArray();
                Assert.Equal(NeumannFixture.Bits(expected), NeumannFixture.Bits(j == 0 ? a.Data : b.Data));
            }
        }

        Assert.Equal(NeumannFixture.Bits(w[0]), NeumannFixture.Bits(a.Data));
        Assert.Equal(NeumannFixture.Bits(w[1]), NeumannFixture.Bits(b.Data));
    }

    [Fact]
    public void The_evaluated_weights_match_the_reference_model_weights()
    {
        var options = NeumannFixture.Small;
        var (a, b) = NeumannFixture.Parameters();
        var reference = new ReferenceNeumann([NeumannFixture.Doubles(a.Data), NeumannFixture.Doubles(b.Data)],
            options.Lr, options.Alpha, options.BetaPerScalar, options.Gamma, options.MuMin, options.MuMax,
            options.EpochSteps, options.WarmupEpochs, options.ResetEpochs);
        var neumann = new Neumann([a, b], options);
        for (var t = 1; t <= 9; t++)
        {
            NeumannFixture.StepWith(neumann, a, b, t);
            reference.Step(NeumannFixture.GradientsInDouble(t));
            using var scope = neumann.EvaluationWeights();
            OptimFixture.AssertClose(reference.Evaluated()[0], a.Data, $"evaluated a after step {t}", 2e-5);
            OptimFixture.AssertClose(reference.Evaluated()[1], b.Data, $"evaluated b after step {t}", 2e-5);
        }
    }

    [Fact]
    public void During_the_warm_up_the_evaluated_weights_are_the_trained_ones()
    {
        var (a, b) = NeumannFixture.Parameters();
        var neumann = new Neumann([a, b], NeumannFixture.Small);
        NeumannFixture.StepWith(neumann, a, b, 1);
        var w = a.ToArray();

        using (neumann.EvaluationWeights())
            Assert.Equal(NeumannFixture.Bits(w), NeumannFixture.Bits(a.Data));
    }

    [Fact]
    public void Stepping_or_opening_a_second_scope_while_one_is_open_is_refused()
    {
        var (a, b) = NeumannFixture.Parameters();
        var neumann = new Neumann([a, b], NeumannFixture.Small);
        for (var t = 1; t <= 4; t++)
            NeumannFixture.StepWith(neumann, a, b, t);
        var w = a.ToArray();

        var scope = neumann.EvaluationWeights();
        Assert.Throws<InvalidOperationException>(neumann.Step);
        Assert.Throws<InvalidOperationException>(() => neumann.EvaluationWeights());
        scope.Dispose();
        scope.Dispose();

        Assert.Equal(NeumannFixture.Bits(w), NeumannFixture.Bits(a.Data));
        NeumannFixture.StepWith(neumann, a, b, 5);
    }

    [Fact]
    public void Optimizers_that_evaluate_what_they_train_leave_the_parameters_alone()
    {
        var p = OptimFixture.NewParameter();
        var adam = new Adam([p]);
        OptimFixture.StepWith(adam, p, 1);
        var before = p.ToArray();

        using (adam.EvaluationWeights())
            Assert.Equal(before, p.ToArray());
        Assert.Equal(before, p.ToArray());
    }
}
