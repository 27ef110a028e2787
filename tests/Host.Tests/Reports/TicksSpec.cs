using ShampooActors.Host.Reports.Charts;

namespace ShampooActors.Host.Tests.Reports;

public sealed class TicksSpec
{
    [Theory]
    [InlineData(0, 1, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(3, 97, new double[] { 0, 20, 40, 60, 80, 100 })]
    [InlineData(0.31, 0.47, new[] { 0.3, 0.35, 0.4, 0.45, 0.5 })]
    [InlineData(-7, 12, new double[] { -10, -5, 0, 5, 10, 15 })]
    [InlineData(50, 400, new double[] { 0, 100, 200, 300, 400 })]
    public void Linear_ticks_are_1_2_5_steps_that_enclose_the_range(double min, double max, double[] expected)
    {
        var ticks = Ticks.Linear(min, max).Select(t => t.Value).ToArray();

        // Exact equality: tick values must be the doubles nearest the decimals, or labels and tests show 0.30000000000000004.
        Assert.Equal(expected, ticks);
    }

    [Fact]
    public void Linear_tick_labels_share_the_decimals_the_step_needs()
    {
        Assert.Equal(["0.30", "0.35", "0.40", "0.45", "0.50"], Ticks.Linear(0.31, 0.47).Select(t => t.Label));
        Assert.Equal(["0", "0.0005", "0.0010", "0.0015", "0.0020"], Ticks.Linear(0, 0.002).Select(t => t.Label));
    }

    [Fact]
    public void Linear_ticks_of_a_tiny_step_are_labelled_in_exponent_notation()
    {
        var ticks = Ticks.Linear(0, 2e-5);

        Assert.Equal([0, 5e-6, 1e-5, 1.5e-5, 2e-5], ticks.Select(t => t.Value));
        Assert.Equal(["0", "5e-6", "1e-5", "1.5e-5", "2e-5"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void A_log_range_of_several_decades_is_ticked_at_the_enclosing_decades()
    {
        var ticks = Ticks.Log(0.003, 40);

        Assert.Equal([0.001, 0.01, 0.1, 1, 10, 100], ticks.Select(t => t.Value));
        Assert.Equal(["0.001", "0.01", "0.1", "1", "10", "100"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void A_log_range_within_two_decades_adds_2_and_5_between_the_decades()
    {
        Assert.Equal([0.2, 0.5, 1, 2, 5], Ticks.Log(0.3, 2.3).Select(t => t.Value));
        Assert.Equal([0.05, 0.1, 0.2, 0.5, 1, 2, 5], Ticks.Log(0.05, 4).Select(t => t.Value));
    }

    [Fact]
    public void A_log_range_within_half_a_decade_is_ticked_at_every_digit()
    {
        Assert.Equal([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], Ticks.Log(0.39, 0.88).Select(t => t.Value));
        Assert.Equal([50, 60, 70, 80, 90, 100, 200], Ticks.Log(55, 120).Select(t => t.Value));
    }

    [Fact]
    public void A_log_range_of_many_decades_ticks_every_other_decade()
    {
        var ticks = Ticks.Log(1e-6, 1e6);

        Assert.Equal([1e-6, 1e-4, 1e-2, 1, 1e2, 1e4, 1e6], ticks.Select(t => t.Value));
        Assert.Equal(["1e-6", "1e-4", "0.01", "1", "100", "10000", "1e6"], ticks.Select(t => t.Label));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.43881234, "0.4388")]
    [InlineData(85.5, "85.5")]
    [InlineData(12345.6, "12346")]
    [InlineData(0.000123, "1.23e-4")]
    [InlineData(2.5e6, "2.5e6")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(double.NaN, "NaN")]
    public void Numbers_are_compact(double value, string expected) => Assert.Equal(expected, NumberText.Compact(value));
}
