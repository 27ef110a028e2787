using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class ScheduleSpec
{
    private const double Exact = 1e-15;

    [Fact]
    public void Constant_is_one_at_every_step()
    {
        var schedule = new ConstantSchedule();
        Assert.All(new long[] { 0, 1, 50, 1_000_000 }, t => Assert.Equal(1.0, schedule.Factor(t)));
    }

    [Theory]
    [InlineData(0, 0.2)]
    [InlineData(1, 0.4)]
    [InlineData(2, 0.6)]
    [InlineData(4, 1.0)]
    [InlineData(100, 1.0)]
    public void Linear_warmup_rises_from_its_start_factor_to_one(long step, double factor) =>
        Assert.Equal(factor, new LinearWarmupSchedule(4, startFactor: 0.2).Factor(step), Exact);

    [Fact]
    public void Linear_warmup_of_zero_steps_is_constant()
    {
        Assert.Equal(1.0, new LinearWarmupSchedule(0).Factor(0));
        Assert.Equal(1.0, new LinearWarmupSchedule(0).Factor(7));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(3, 0.1 + 0.9 * 0.75)] // cos(π/3) = 1/2
    [InlineData(6, 0.1 + 0.9 * 0.25)] // cos(2π/3) = −1/2
    [InlineData(9, 0.1)]
    [InlineData(50, 0.1)]
    public void Cosine_anneals_from_one_to_its_minimum(long step, double factor) =>
        Assert.Equal(factor, new CosineSchedule(9, minFactor: 0.1).Factor(step), Exact);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(2, 0.5)]
    [InlineData(4, 1.0)]
    [InlineData(7, 0.75)] // three steps into nine: cos(π/3)
    [InlineData(13, 0.0)]
    [InlineData(1000, 0.0)]
    public void Cosine_after_warmup_starts_annealing_when_the_warmup_ends(long step, double factor) =>
        Assert.Equal(factor, new CosineSchedule(9, warmupSteps: 4).Factor(step), Exact);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(5, 0.55)]
    [InlineData(10, 0.1)]
    [InlineData(11, 0.1)]
    [InlineData(999, 0.1)]
    public void Linear_decay_falls_to_its_final_factor(long step, double factor) =>
        Assert.Equal(factor, new LinearDecaySchedule(10, finalFactor: 0.1).Factor(step), Exact);

    [Fact]
    public void A_negative_step_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(10).Factor(-1));
}
