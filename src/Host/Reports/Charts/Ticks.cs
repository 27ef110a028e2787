namespace ShampooActors.Host.Reports.Charts;

/// <summary>A tick mark (and grid line) at <see cref="Value"/>, in data units, with its label.</summary>
internal readonly record struct Tick(double Value, string Label);

/// <summary>"Nice" tick positions: multiples of 1, 2 or 5 × 10ᵏ for linear axes; decades, or 1-2-5 (1-2-…-9) steps within a few decades (half a decade), for log axes.</summary>
internal static class Ticks
{
    /// <summary>Around this many intervals between linear ticks (between 5 and 10 ticks in all).</summary>
    public const int TargetIntervals = 5;

    /// <summary>Log ranges up to this many decades get ticks at 1, 2 and 5 × 10ᵏ; wider ones at decades only.</summary>
    public const double NarrowLogDecades = 2;

    /// <summary>Log ranges up to this many decades get ticks at every 1, 2, …, 9 × 10ᵏ, still far enough apart to label (the closest, 8 and 9, are ≥ 1/10 of the axis).</summary>
    public const double VeryNarrowLogDecades = 0.5;

    /// <summary>At most this many labelled decades; wider log ranges tick every second (third, …) decade.</summary>
    public const int MaxDecades = 8;

    // Data that sits exactly on a tick must not push the range out by one more step through rounding noise.
    private const double Slack = 1e-9;

    /// <summary>Ticks covering [<paramref name="min"/>, <paramref name="max"/>] (min &lt; max, both finite) with a 1-2-5 step; the first and last ticks bound the axis.</summary>
    public static IReadOnlyList<Tick> Linear(double min, double max)
    {
        var (mantissa, exponent) = NiceStep((max - min) / TargetIntervals);
        var step = Decimal(mantissa, exponent);
        var first = (long)System.Math.Floor(min / step + Slack);
        var last = (long)System.Math.Ceiling(max / step - Slack);
        var values = new List<double>();
        for (var k = first; k <= last; k++)
            values.Add(Decimal(k * mantissa, exponent));
        var largest = values.Max(System.Math.Abs);
        return values.Select(v => new Tick(v, NumberText.LinearTick(v, step, largest))).ToList();
    }

    /// <summary>Ticks covering [<paramref name="min"/>, <paramref name="max"/>] (0 &lt; min &lt; max); the first and last ticks bound the axis.</summary>
    public static IReadOnlyList<Tick> Log(double min, double max)
    {
        var low = System.Math.Log10(min);
        var high = System.Math.Log10(max);
        var values = (high - low) switch
        {
            <= VeryNarrowLogDecades => WithinDecades(min, max, low, high, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
            <= NarrowLogDecades => WithinDecades(min, max, low, high, [1, 2, 5]),
            _ => Decades(low, high),
        };
        return values.Select(v => new Tick(v, NumberText.Compact(v))).ToList();
    }

    /// <summary>The <paramref name="mantissas"/> × 10ᵏ from the last at or below <paramref name="min"/> to the first at or above <paramref name="max"/>.</summary>
    private static List<double> WithinDecades(double min, double max, double low, double high, ReadOnlySpan<long> mantissas)
    {
        var candidates = new List<double>();
        for (var k = (int)System.Math.Floor(low) - 1; k <= (int)System.Math.Ceiling(high) + 1; k++)
            foreach (var m in mantissas)
                candidates.Add(Decimal(m, k));
        var start = candidates.FindLastIndex(c => c <= min * (1 + Slack));
        var end = candidates.FindIndex(c => c >= max * (1 - Slack));
        return candidates[start..(end + 1)];
    }

    private static List<double> Decades(double low, double high)
    {
        var first = (int)System.Math.Floor(low + Slack);
        var count = (int)System.Math.Ceiling(high - Slack) - first;
        var stride = (count + MaxDecades - 1) / MaxDecades;
        var last = first + (count + stride - 1) / stride * stride;
        var values = new List<double>();
        for (var k = first; k <= last; k += stride)
            values.Add(Decimal(1, k));
        return values;
    }

    /// <summary>The 1-2-5 step at or above <paramref name="raw"/>, as mantissa × 10^exponent.</summary>
    private static (long Mantissa, int Exponent) NiceStep(double raw)
    {
        var exponent = (int)System.Math.Floor(System.Math.Log10(raw));
        var fraction = raw / System.Math.Pow(10, exponent);
        return fraction switch
        {
            <= 1 + Slack => (1, exponent),
            <= 2 + Slack => (2, exponent),
            <= 5 + Slack => (5, exponent),
            _ => (1, exponent + 1),
        };
    }

    /// <summary>
    /// <paramref name="mantissa"/> × 10^<paramref name="exponent"/> as the double nearest the decimal: dividing by an exact
    /// power of ten rounds once, where multiplying by 0.1 would give 0.30000000000000004 for 3 × 0.1.
    /// </summary>
    private static double Decimal(long mantissa, int exponent) =>
        exponent >= 0 ? mantissa * System.Math.Pow(10, exponent) : mantissa / System.Math.Pow(10, -exponent);
}
