using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class SgdSpec
{
    /// <summary>The algorithm box of torch.optim.SGD, transcribed in float64 (maximize as a final sign flip, as the box writes it).</summary>
    private static double[][] Reference(double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false, bool maximize = false)
    {
        var theta = OptimFixture.Theta0();
        var b = new double[theta.Length];
        var trajectory = new double[3][];
        for (var t = 1; t <= 3; t++)
        {
            var g = OptimFixture.Gradient(t);
            for (var i = 0; i < theta.Length; i++)
            {
                var gt = g[i];
                if (weightDecay != 0)
                    gt += weightDecay * theta[i];
                if (momentum != 0)
                {
                    b[i] = t > 1 ? momentum * b[i] + (1 - dampening) * gt : gt;
                    gt = nesterov ? gt + momentum * b[i] : b[i];
                }
                theta[i] = maximize ? theta[i] + lr * gt : theta[i] - lr * gt;
            }
            trajectory[t - 1] = (double[])theta.Clone();
        }
        return trajectory;
    }

    [Fact]
    public void First_three_plain_updates_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(p => new Sgd([p], new SgdOptions { Lr = 0.1 }), Reference(lr: 0.1));

    [Fact]
    public void First_three_updates_with_momentum_and_dampening_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new Sgd([p], new SgdOptions { Lr = 0.1, Momentum = 0.9, Dampening = 0.25 }),
            Reference(lr: 0.1, momentum: 0.9, dampening: 0.25));

    [Fact]
    public void First_three_nesterov_updates_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new Sgd([p], new SgdOptions { Lr = 0.05, Momentum = 0.9, Nesterov = true }),
            Reference(lr: 0.05, momentum: 0.9, nesterov: true));

    [Fact]
    public void First_three_updates_with_weight_decay_and_momentum_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new Sgd([p], new SgdOptions { Lr = 0.1, Momentum = 0.5, WeightDecay = 0.2 }),
            Reference(lr: 0.1, momentum: 0.5, weightDecay: 0.2));

    [Fact]
    public void First_three_maximizing_updates_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new Sgd([p], new SgdOptions { Lr = 0.1, Momentum = 0.9, Maximize = true }),
            Reference(lr: 0.1, momentum: 0.9, maximize: true));

    [Fact]
    public void Momentum_buffer_exists_only_with_momentum()
    {
        var plain = OptimFixture.NewParameter();
        var withMomentum = OptimFixture.NewParameter();
        var sgd = new Sgd([plain]);
        var heavyBall = new Sgd([withMomentum], new SgdOptions { Momentum = 0.9 });
        OptimFixture.StepWith(sgd, plain, 1);
        OptimFixture.StepWith(heavyBall, withMomentum, 1);
        Assert.Empty(sgd.GetState(plain)!.BufferNames);
        Assert.Equal(["momentum_buffer"], heavyBall.GetState(withMomentum)!.BufferNames);
    }
}
