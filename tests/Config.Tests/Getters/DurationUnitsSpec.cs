using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Getters;

/// <summary>HOCON.md "Duration format": a number with a unit (short or long name), a bare number of milliseconds, or <c>infinite</c>.</summary>
public sealed class DurationUnitsSpec
{
    private const long Us = TimeSpan.TicksPerMicrosecond;
    private const long Ms = TimeSpan.TicksPerMillisecond;
    private const long S = TimeSpan.TicksPerSecond;
    private const long M = TimeSpan.TicksPerMinute;
    private const long H = TimeSpan.TicksPerHour;
    private const long D = TimeSpan.TicksPerDay;

    [Theory]
    [InlineData("0", 0)]
    [InlineData("250", 250 * Ms)]
    [InlineData("\"250\"", 250 * Ms)]
    [InlineData("1500 ms", 1500 * Ms)]
    [InlineData("1500ms", 1500 * Ms)]
    [InlineData("30 millis", 30 * Ms)]
    [InlineData("30 milli", 30 * Ms)]
    [InlineData("30 milliseconds", 30 * Ms)]
    [InlineData("1 millisecond", 1 * Ms)]
    [InlineData("10s", 10 * S)]
    [InlineData("10 s", 10 * S)]
    [InlineData("\"10 s\"", 10 * S)]
    [InlineData("1 second", 1 * S)]
    [InlineData("2 seconds", 2 * S)]
    [InlineData("3m", 3 * M)]
    [InlineData("3 minutes", 3 * M)]
    [InlineData("1 minute", 1 * M)]
    [InlineData("2h", 2 * H)]
    [InlineData("2 hours", 2 * H)]
    [InlineData("1 hour", 1 * H)]
    [InlineData("1d", 1 * D)]
    [InlineData("2 days", 2 * D)]
    [InlineData("1 day", 1 * D)]
    [InlineData("5 us", 5 * Us)]
    [InlineData("7 micros", 7 * Us)]
    [InlineData("7 micro", 7 * Us)]
    [InlineData("2 microseconds", 2 * Us)]
    [InlineData("1000 ns", 1 * Us)]
    [InlineData("100 nanos", 1)]
    [InlineData("500 nanoseconds", 5)]
    [InlineData("1.5 s", 15 * S / 10)]
    [InlineData("0.5 m", 30 * S)]
    public void A_duration_is_a_number_and_a_unit(string value, long ticks)
    {
        var config = Hocon.Resolve($"x = 0\nt = {value}");

        Assert.Equal(TimeSpan.FromTicks(ticks), config.GetDuration("t"));
    }

    [Fact]
    public void Infinite_is_the_infinite_timespan()
    {
        var config = Hocon.Resolve("t = infinite");

        Assert.Equal(Timeout.InfiniteTimeSpan, config.GetDuration("t"));
    }

    [Fact]
    public void Durations_read_from_lists()
    {
        var config = Hocon.Resolve("l = [1 s, 500 ms, 2, 1 m]");

        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(2), TimeSpan.FromMinutes(1)],
            config.GetDurationList("l"));
    }

    [Fact]
    public void Every_spelling_of_one_duration_reads_the_same()
    {
        var config = Hocon.Resolve("""
            a = 90 s
            b = 90000
            c = 1.5 m
            d = 90 seconds
            e = "90s"
            f = 90000 ms
            """);

        foreach (var key in new[] { "a", "b", "c", "d", "e", "f" })
            Assert.Equal(TimeSpan.FromSeconds(90), config.GetDuration(key));
    }

    [Theory]
    [InlineData(2, "t", "x = 1\nt = 10 fortnights")]
    [InlineData(2, "t", "x = 1\nt = fast")]
    [InlineData(2, "t", "x = 1\nt = s")]
    [InlineData(3, "t", "x = 1\ny = 2\nt = [1 s]")]
    [InlineData(2, "t", "x = 1\nt { a = 1 }")]
    [InlineData(2, "t", "x = 1\nt = true")]
    [InlineData(3, "a.b.t", "a {\n  b {\n    t = 5 parsecs\n  }\n}")]
    public void A_value_that_is_not_a_duration_fails_with_its_line_and_full_path(int line, string path, string text)
    {
        var config = Hocon.Resolve(text);

        Hocon.AssertGetterFailsAt(line, path, () => config.GetDuration(path));
    }
}
