namespace ShampooActors.Actors.Tests.Training;

/// <summary>The delay models of the stale-delay simulator: constant, table, seeded uniform and log-normal, custom.</summary>
public sealed class DelayModelSpec
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void A_constant_model_gives_every_computation_the_same_delay()
    {
        var model = DelayModel.Constant(Ms(30));

        Assert.Equal(Ms(30), model.DelayOf(0, 10));
        Assert.Equal(Ms(30), model.DelayOf(7, 1000));
    }

    [Fact]
    public void A_table_gives_its_entries_and_the_fallback_for_everything_else()
    {
        var model = DelayModel.Table(Ms(20), (0, 10, Ms(5)), (1, 10, Ms(70)), (0, 20, Ms(0)));

        Assert.Equal(Ms(5), model.DelayOf(0, 10));
        Assert.Equal(Ms(70), model.DelayOf(1, 10));
        Assert.Equal(TimeSpan.Zero, model.DelayOf(0, 20));
        Assert.Equal(Ms(20), model.DelayOf(1, 20)); // block 1 is named, but not at version 20
        Assert.Equal(Ms(20), model.DelayOf(2, 10));
    }

    [Fact]
    public void A_table_naming_one_computation_twice_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DelayModel.Table(Ms(20), (0, 10, Ms(5)), (0, 10, Ms(6))));

        Assert.Contains("block 0 version 10 twice", error.Message);
    }

    [Fact]
    public void Negative_delays_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DelayModel.Constant(Ms(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DelayModel.Table(Ms(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DelayModel.Table(Ms(1), (0, 10, Ms(-1))));
        Assert.Throws<ArgumentOutOfRangeException>(() => DelayModel.Uniform(Ms(-1), Ms(1), seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DelayModel.Uniform(Ms(2), Ms(1), seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DelayModel.LogNormal(Ms(10), -0.5, seed: 1));
    }

    [Fact]
    public void A_custom_model_is_asked_per_block_and_version_and_may_not_answer_a_negative_delay()
    {
        var model = DelayModel.From((block, version) => Ms(block * 100 + version));

        Assert.Equal(Ms(210), model.DelayOf(2, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => DelayModel.From((_, _) => Ms(-5)).DelayOf(0, 1));
    }

    [Fact]
    public void A_seeded_model_gives_the_same_delays_for_the_same_seed_whatever_the_order_of_the_questions()
    {
        var keys = Keys().ToArray();
        var forward = DelayModel.Uniform(Ms(10), Ms(50), seed: 42);
        var backward = DelayModel.Uniform(Ms(10), Ms(50), seed: 42);

        var first = keys.Select(k => forward.DelayOf(k.Block, k.Version)).ToArray();
        var second = keys.Reverse().Select(k => backward.DelayOf(k.Block, k.Version)).Reverse().ToArray();
        var again = keys.Select(k => forward.DelayOf(k.Block, k.Version)).ToArray();

        Assert.Equal(first, second);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Different_seeds_give_different_delays()
    {
        var a = DelayModel.LogNormal(Ms(20), 0.5, seed: 1);
        var b = DelayModel.LogNormal(Ms(20), 0.5, seed: 2);

        var differing = Keys().Count(k => a.DelayOf(k.Block, k.Version) != b.DelayOf(k.Block, k.Version));

        Assert.True(differing > Keys().Count() * 9 / 10, $"only {differing} of {Keys().Count()} delays differ between seeds 1 and 2");
    }

    [Fact]
    public void A_uniform_model_stays_within_its_bounds_and_fills_each_quarter_of_them_evenly()
    {
        var model = DelayModel.Uniform(Ms(10), Ms(50), seed: 7);
        var delays = Keys().Select(k => model.DelayOf(k.Block, k.Version)).ToArray();

        Assert.All(delays, d => Assert.InRange(d, Ms(10), Ms(50) - TimeSpan.FromTicks(1)));
        // Quarters of [10, 50) ms are 10 ms wide; 2000 draws put about 500 in each (binomial sd ≈ 19).
        var quarters = delays.GroupBy(d => (int)((d - Ms(10)).TotalMilliseconds / 10)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([0, 1, 2, 3], quarters.Keys.Order());
        Assert.All(quarters.Values, count => Assert.InRange(count, 400, 600));
    }

    [Fact]
    public void A_log_normal_model_has_its_median_and_two_thirds_of_its_draws_within_one_sigma()
    {
        const double sigma = 0.5;
        var model = DelayModel.LogNormal(Ms(20), sigma, seed: 11);
        var delays = Keys().Select(k => model.DelayOf(k.Block, k.Version).TotalMilliseconds).Order().ToArray();

        Assert.All(delays, d => Assert.True(d > 0));
        var median = delays[delays.Length / 2];
        Assert.InRange(median, 19.0, 21.0);
        // P(|z| ≤ 1) = 0.6827 for a standard normal z, so that share of the delays lies in [20·e^−σ, 20·e^σ] ms.
        var within = delays.Count(d => d >= 20 * System.Math.Exp(-sigma) && d <= 20 * System.Math.Exp(sigma)) / (double)delays.Length;
        Assert.InRange(within, 0.65, 0.72);
    }

    /// <summary>2000 computations: blocks 0–19 at versions 10, 20, …, 1000.</summary>
    private static IEnumerable<(int Block, long Version)> Keys() =>
        from block in Enumerable.Range(0, 20)
        from step in Enumerable.Range(1, 100)
        select (block, step * 10L);
}
