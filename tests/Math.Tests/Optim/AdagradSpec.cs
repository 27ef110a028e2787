using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class AdagradSpec
{
    /// <summary>The algorithm box of torch.optim.Adagrad, transcribed in float64.</summary>
    private static double[][] Reference(double lr, double lrDecay = 0, double weightDecay = 0, double initialAccumulator = 0, double eps = 1e-10)
    {
        var theta = OptimFixture.Theta0();
        var sum = Enumerable.Repeat(initialAccumulator, theta.Length).ToArray();
        var trajectory = new double[3][];
        for (var t = 1; t <= 3; t++)
        {
            var g = OptimFixture.Gradient(t);
            var clr = lr / (1 + (t - 1) * lrDecay);
            for (var i = 0; i < theta.Length; i++)
            {
                var gt = g[i];
                if (weightDecay != 0)
                    gt += weightDecay * theta[i];
                sum[i] += gt * gt;
                theta[i] -= clr * gt / (System.Math.Sqrt(sum[i]) + eps);
            }
            trajectory[t - 1] = (double[])theta.Clone();
        }
        return trajectory;
    }

    [Fact]
    public void First_three_updates_with_default_options_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(p => new Adagrad([p]), Reference(lr: 1e-2));

    [Fact]
    public void First_three_updates_with_lr_decay_weight_decay_and_initial_accumulator_match_the_published_rule()
    {
        var expected = Reference(lr: 0.1, lrDecay: 0.5, weightDecay: 0.2, initialAccumulator: 0.3);
        Assert.True(OptimFixture.MaxDifference(expected, Reference(lr: 0.1, weightDecay: 0.2, initialAccumulator: 0.3)) > 1e-3);
        OptimFixture.AssertFirstThreeSteps(
            p => new Adagrad([p], new AdagradOptions { Lr = 0.1, LrDecay = 0.5, WeightDecay = 0.2, InitialAccumulatorValue = 0.3 }),
            expected);
    }

    [Fact]
    public void Accumulator_starts_at_the_initial_value()
    {
        var p = OptimFixture.NewParameter();
        var adagrad = new Adagrad([p], new AdagradOptions { InitialAccumulatorValue = 0.25 });
        p.Grad = Tensor.Zeros(OptimFixture.Length);
        adagrad.Step();
        Assert.All(adagrad.GetState(p)!.Buffer("sum").ToArray(), s => Assert.Equal(0.25f, s));
    }
}
