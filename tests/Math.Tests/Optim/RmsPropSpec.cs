using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class RmsPropSpec
{
    /// <summary>The algorithm box of torch.optim.RMSprop, transcribed in float64.</summary>
    private static double[][] Reference(double lr, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
    {
        var theta = OptimFixture.Theta0();
        var v = new double[theta.Length];
        var b = new double[theta.Length];
        var gAve = new double[theta.Length];
        var trajectory = new double[3][];
        for (var t = 1; t <= 3; t++)
        {
            var g = OptimFixture.Gradient(t);
            for (var i = 0; i < theta.Length; i++)
            {
                var gt = g[i];
                if (weightDecay != 0)
                    gt += weightDecay * theta[i];
                v[i] = alpha * v[i] + (1 - alpha) * gt * gt;
                var vTilde = v[i];
                if (centered)
                {
                    gAve[i] = gAve[i] * alpha + (1 - alpha) * gt;
                    vTilde -= gAve[i] * gAve[i];
                }
                if (momentum > 0)
                {
                    b[i] = momentum * b[i] + gt / (System.Math.Sqrt(vTilde) + eps);
                    theta[i] -= lr * b[i];
                }
                else
                {
                    theta[i] -= lr * gt / (System.Math.Sqrt(vTilde) + eps);
                }
            }
            trajectory[t - 1] = (double[])theta.Clone();
        }
        return trajectory;
    }

    [Fact]
    public void First_three_plain_updates_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(p => new RmsProp([p]), Reference(lr: 1e-2));

    [Fact]
    public void First_three_centered_updates_with_momentum_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new RmsProp([p], new RmsPropOptions { Lr = 0.01, Alpha = 0.9, Momentum = 0.8, Centered = true }),
            Reference(lr: 0.01, alpha: 0.9, momentum: 0.8, centered: true));

    [Fact]
    public void First_three_centered_updates_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new RmsProp([p], new RmsPropOptions { Lr = 0.01, Alpha = 0.9, Centered = true }),
            Reference(lr: 0.01, alpha: 0.9, centered: true));

    [Fact]
    public void First_three_updates_with_weight_decay_and_momentum_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new RmsProp([p], new RmsPropOptions { Lr = 0.01, WeightDecay = 0.3, Momentum = 0.5 }),
            Reference(lr: 0.01, weightDecay: 0.3, momentum: 0.5));
}
