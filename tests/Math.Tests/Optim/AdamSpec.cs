using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class AdamSpec
{
    /// <summary>
    /// The algorithm box of torch.optim.Adam/AdamW (torch 2.x), transcribed in float64: AMSGrad keeps the maximum of the raw
    /// second moment and divides it by the current bias correction; <paramref name="decoupled"/> selects AdamW's θ·(1 − γλ).
    /// </summary>
    internal static double[][] Reference(double lr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0,
        bool amsgrad = false, bool maximize = false, bool decoupled = false)
    {
        var theta = OptimFixture.Theta0();
        var m = new double[theta.Length];
        var v = new double[theta.Length];
        var vMax = new double[theta.Length];
        var trajectory = new double[3][];
        for (var t = 1; t <= 3; t++)
        {
            var g = OptimFixture.Gradient(t);
            for (var i = 0; i < theta.Length; i++)
            {
                var gt = maximize ? -g[i] : g[i];
                if (decoupled)
                    theta[i] -= lr * weightDecay * theta[i];
                else if (weightDecay != 0)
                    gt += weightDecay * theta[i];
                m[i] = beta1 * m[i] + (1 - beta1) * gt;
                v[i] = beta2 * v[i] + (1 - beta2) * gt * gt;
                var mHat = m[i] / (1 - System.Math.Pow(beta1, t));
                double vHat;
                if (amsgrad)
                {
                    vMax[i] = System.Math.Max(vMax[i], v[i]);
                    vHat = vMax[i] / (1 - System.Math.Pow(beta2, t));
                }
                else
                {
                    vHat = v[i] / (1 - System.Math.Pow(beta2, t));
                }
                theta[i] -= lr * mHat / (System.Math.Sqrt(vHat) + eps);
            }
            trajectory[t - 1] = (double[])theta.Clone();
        }
        return trajectory;
    }

    [Fact]
    public void First_three_updates_with_default_options_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(p => new Adam([p]), Reference(lr: 1e-3));

    [Fact]
    public void First_three_updates_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new Adam([p], new AdamOptions { Lr = 0.1, Beta1 = 0.8, Beta2 = 0.95 }),
            Reference(lr: 0.1, beta1: 0.8, beta2: 0.95));

    [Fact]
    public void First_three_updates_with_l2_weight_decay_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new Adam([p], new AdamOptions { Lr = 0.1, WeightDecay = 0.3 }),
            Reference(lr: 0.1, weightDecay: 0.3));

    [Fact]
    public void First_three_amsgrad_updates_match_the_published_rule()
    {
        var expected = Reference(lr: 0.1, beta2: 0.5, amsgrad: true);
        // With β₂ = 0.5 the second moment falls for some elements, so the running maximum changes the result.
        Assert.True(OptimFixture.MaxDifference(expected, Reference(lr: 0.1, beta2: 0.5)) > 1e-3);
        OptimFixture.AssertFirstThreeSteps(p => new Adam([p], new AdamOptions { Lr = 0.1, Beta2 = 0.5, Amsgrad = true }), expected);
    }

    [Fact]
    public void First_three_maximizing_updates_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new Adam([p], new AdamOptions { Lr = 0.1, Maximize = true, WeightDecay = 0.1 }),
            Reference(lr: 0.1, maximize: true, weightDecay: 0.1));

    [Fact]
    public void State_holds_pytorch_named_moments_and_the_step_count()
    {
        var p = OptimFixture.NewParameter();
        var adam = new Adam([p], new AdamOptions { Amsgrad = true });
        OptimFixture.StepWith(adam, p, 1);
        OptimFixture.StepWith(adam, p, 2);
        var state = adam.GetState(p)!;
        Assert.Equal(2, state.Step);
        Assert.Equal(["exp_avg", "exp_avg_sq", "max_exp_avg_sq"], state.BufferNames);
        Assert.Equal(p.ShapeArray(), state.Buffer("exp_avg").ShapeArray());
    }
}
