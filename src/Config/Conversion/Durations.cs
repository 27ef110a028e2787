namespace ShampooActors.Configuration.Conversion;

/// <summary>Durations: a number with a time unit, a bare number of milliseconds, or <c>infinite</c>.</summary>
internal static class Durations
{
    private static readonly (decimal Nanos, string[] Names)[] Units =
    [
        (1m, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (1_000m, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (1_000_000m, ["ms", "milli", "millis", "millisecond", "milliseconds"]),
        (1_000_000_000m, ["s", "second", "seconds"]),
        (60_000_000_000m, ["m", "minute", "minutes"]),
        (3_600_000_000_000m, ["h", "hour", "hours"]),
        (86_400_000_000_000m, ["d", "day", "days"]),
    ];

    private static readonly string ValidUnits = string.Join(", ", Units.SelectMany(u => u.Names));

    /// <summary>The duration <paramref name="value"/> stands for (to the nearest 100 ns, the resolution of <see cref="TimeSpan"/>).</summary>
    public static TimeSpan Read(ConfigValue value, Fail fail)
    {
        if (value is not ConfigScalar { Type: ConfigValueType.Number or ConfigValueType.String } scalar)
            throw fail(Values.WrongType(value, "duration"));
        var text = scalar.Text.Trim();
        if (scalar.Type == ConfigValueType.String && text == "infinite")
            return Timeout.InfiniteTimeSpan;
        var (number, unit) = Quantity.Split(text);
        var nanos = unit.Length == 0
            ? 1_000_000m
            : Units.FirstOrDefault(u => u.Names.Contains(unit)).Nanos;
        if (nanos == 0)
            throw fail($"has value '{text}' with unknown time unit '{unit}' (valid units: {ValidUnits})");
        if (number.Length == 0 || Values.ParseDecimal(number) is not { } amount)
            throw fail($"has value '{text}', which is not a duration (a number and a unit such as 10 s, or infinite)");
        var ticks = Quantity.Multiply(amount, nanos / 100m)
                    ?? throw fail($"has value '{text}', which is out of range for a duration");
        return TimeSpan.FromTicks((long)Math.Round(ticks, MidpointRounding.AwayFromZero));
    }
}
