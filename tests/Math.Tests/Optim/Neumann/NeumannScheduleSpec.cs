using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>The warm-up, the reset periods and the momentum schedule of <see cref="Neumann"/>.</summary>
public sealed class NeumannScheduleSpec
{
    [Fact]
    public void Resets_come_at_the_start_of_each_period_and_the_periods_double()
    {
        // 2-step epochs, 1 warm-up epoch: steps 1-2 are SGD and step 3 is the first Neumann step, a reset. The first
        // period is 3 epochs = 6 steps, so the next reset is step 9; then 12 steps (21), then 24 steps (45).
        const double lr = 0.1;
        var p = OptimFixture.NewParameter();
        var neumann = new Neumann([p], new NeumannOptions { Lr = lr, EpochSteps = 2, WarmupEpochs = 1, ResetEpochs = 3 });
        var resets = new List<int>();
        for (var t = 1; t <= 50; t++)
        {
            OptimFixture.StepWith(neumann, p, t);
            var m = NeumannFixture.Bits(neumann.GetState(p)!.Buffer("momentum").Data);
            var minusLrG = NeumannFixture.Bits(OptimFixture.Gradient(t).Select(g => -(float)lr * (float)g).ToArray());
            if (m.SequenceEqual(minusLrG))
                resets.Add(t);
        }

        Assert.Equal([3, 9, 21, 45], resets);
    }

    [Fact]
    public void Reset_periods_double_from_the_first_period()
    {
        // Neumann steps (1-based) that start a period of K, 2K, 4K …: 1, 1 + K, 1 + 3K, 1 + 7K, 1 + 15K.
        foreach (var k in new long[] { 1, 3, 10 })
        {
            var expected = new[] { 1, 1 + k, 1 + 3 * k, 1 + 7 * k, 1 + 15 * k };
            var found = Enumerable.Range(1, (int)(15 * k + 1)).Where(n => NeumannSchedule.IsReset(n, k)).Select(n => (long)n);
            Assert.Equal(expected, found);
        }
    }

    [Theory]
    [InlineData(1, 0.5)] // t = 0: 1 − 1/1 = 0, clamped up to MuMin
    [InlineData(3, 0.5)] // t = 0.5: 1/3, clamped up
    [InlineData(5, 0.5)] // t = 1
    [InlineData(7, 0.6)] // t = 1.5: 1 − 1/2.5
    [InlineData(9, 2.0 / 3)] // t = 2
    [InlineData(13, 0.75)] // t = 3
    [InlineData(33, 8.0 / 9)] // t = 8
    [InlineData(37, 0.9)] // t = 9: reaches MuMax
    [InlineData(41, 0.9)] // t = 10: 10/11, clamped down
    public void Momentum_rises_as_one_minus_one_over_one_plus_epochs_clamped(long n, double expected)
    {
        // 4-step epochs; t counts epochs of Neumann steps before step n: (n − 1)/4.
        var options = new NeumannOptions { EpochSteps = 4 };
        Assert.Equal(expected, NeumannSchedule.Mu(n, options), 12);
    }

    [Fact]
    public void Momentum_clamps_to_the_configured_bounds()
    {
        var options = new NeumannOptions { EpochSteps = 1, MuMin = 0.6, MuMax = 0.7 };
        Assert.Equal(0.6, NeumannSchedule.Mu(2, options), 12); // t = 1: 0.5
        Assert.Equal(2.0 / 3, NeumannSchedule.Mu(3, options), 12); // t = 2
        Assert.Equal(0.7, NeumannSchedule.Mu(5, options), 12); // t = 4: 0.8
    }

    [Fact]
    public void The_warm_up_is_plain_sgd_exactly_and_leaves_the_momentum_at_zero()
    {
        // 3-step epochs, 2 warm-up epochs: six SGD steps θ ← θ − ηg, each the float32 result of that one operation.
        const float lr = 0.05f;
        var p = OptimFixture.NewParameter();
        var neumann = new Neumann([p], new NeumannOptions { Lr = lr, EpochSteps = 3, WarmupEpochs = 2 });
        for (var t = 1; t <= 6; t++)
        {
            var before = p.ToArray();
            OptimFixture.StepWith(neumann, p, t);
            var g = OptimFixture.Gradient(t);
            var expected = before.Select((x, i) => x - lr * (float)g[i]).ToArray();

            Assert.Equal(NeumannFixture.Bits(expected), NeumannFixture.Bits(p.Data));
            Assert.All(neumann.GetState(p)!.Buffer("momentum").ToArray(), m => Assert.Equal(0f, m));
        }

        // Step 7 is the first Neumann step: a reset, which leaves the weights where the warm-up put them.
        var end = p.ToArray();
        OptimFixture.StepWith(neumann, p, 7);
        Assert.Equal(NeumannFixture.Bits(end), NeumannFixture.Bits(p.Data));
    }

    [Fact]
    public void During_the_warm_up_the_average_follows_the_sgd_iterates()
    {
        const double lr = 0.05, gamma = 0.99;
        var p = OptimFixture.NewParameter();
        var neumann = new Neumann([p], new NeumannOptions { Lr = lr, EpochSteps = 3, WarmupEpochs = 2 });
        var w = OptimFixture.Theta0();
        var v = (double[])w.Clone();
        for (var t = 1; t <= 6; t++)
        {
            OptimFixture.StepWith(neumann, p, t);
            var g = OptimFixture.Gradient(t);
            for (var i = 0; i < w.Length; i++)
            {
                w[i] -= lr * g[i];
                v[i] = w[i] + gamma * (v[i] - w[i]);
            }
        }

        OptimFixture.AssertClose(v, neumann.GetState(p)!.Buffer("moving_average").Data, "v after the warm-up");
    }
}
