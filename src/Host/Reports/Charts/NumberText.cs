using System.Globalization;

namespace ShampooActors.Host.Reports.Charts;

/// <summary>Short, culture-invariant number text for tick labels and tables.</summary>
internal static class NumberText
{
    /// <summary>Four significant digits in plain notation from 0.001 to 10⁶ (whole numbers above 10⁴), exponent notation (<c>1.5e-4</c>) outside.</summary>
    public static string Compact(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "∞" : "−∞";
        var magnitude = System.Math.Abs(value);
        return magnitude switch
        {
            0 => "0",
            >= 1e-3 and < 1e4 => value.ToString("G4", CultureInfo.InvariantCulture),
            >= 1e4 and < 1e6 => value.ToString("F0", CultureInfo.InvariantCulture),
            _ => Exponent(value),
        };
    }

    /// <summary>
    /// Labels for evenly spaced ticks <paramref name="step"/> apart: as many decimals as the step needs, so neighbours
    /// never print alike and all share one style; exponent notation when the step is tiny or the values huge.
    /// </summary>
    public static string LinearTick(double value, double step, double largest)
    {
        if (value == 0)
            return "0";
        if (step < 1e-4 || largest >= 1e6)
            return Exponent(value);
        var decimals = System.Math.Max(0, -(int)System.Math.Floor(System.Math.Log10(step) + 1e-9));
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Exponent(double value) => value.ToString("0.###e-0", CultureInfo.InvariantCulture);
}
