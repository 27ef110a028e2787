using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class AdamWSpec
{
    [Fact]
    public void First_three_updates_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new AdamW([p], new AdamWOptions { Lr = 0.1, WeightDecay = 0.5 }),
            AdamSpec.Reference(lr: 0.1, weightDecay: 0.5, decoupled: true));

    [Fact]
    public void First_three_updates_with_default_options_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(p => new AdamW([p]), AdamSpec.Reference(lr: 1e-3, weightDecay: 1e-2, decoupled: true));

    [Fact]
    public void First_three_amsgrad_updates_match_the_published_rule() =>
        OptimFixture.AssertFirstThreeSteps(
            p => new AdamW([p], new AdamWOptions { Lr = 0.1, Beta2 = 0.5, WeightDecay = 0.2, Amsgrad = true }),
            AdamSpec.Reference(lr: 0.1, beta2: 0.5, weightDecay: 0.2, amsgrad: true, decoupled: true));

    [Fact]
    public void Decoupled_decay_differs_from_adams_l2_term()
    {
        var decoupled = AdamSpec.Reference(lr: 0.1, weightDecay: 0.5, decoupled: true);
        var coupled = AdamSpec.Reference(lr: 0.1, weightDecay: 0.5);
        Assert.True(OptimFixture.MaxDifference(decoupled, coupled) > 1e-3);
        Assert.Equal(1e-2, new AdamWOptions().WeightDecay);
        Assert.Equal(0, new AdamOptions().WeightDecay);
    }
}
