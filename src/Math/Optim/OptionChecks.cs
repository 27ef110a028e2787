using System.Globalization;

namespace ShampooActors.Math.Optim;

/// <summary>Range checks that throw <see cref="InvalidOptionsException"/> with the owner, the option and the bad value.</summary>
internal static class OptionChecks
{
    /// <summary>Requires a finite value ≥ 0 (NaN fails).</summary>
    public static void NonNegative(string owner, string option, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw Invalid(owner, option, value, "must be a finite number >= 0");
    }

    /// <summary>Requires a value in [0, 1) (NaN fails).</summary>
    public static void UnitInterval(string owner, string option, double value)
    {
        if (!(value >= 0 && value < 1))
            throw Invalid(owner, option, value, "must be in [0, 1)");
    }

    /// <summary>Requires a value in [0, 1] (NaN fails).</summary>
    public static void ClosedUnitInterval(string owner, string option, double value)
    {
        if (!(value >= 0 && value <= 1))
            throw Invalid(owner, option, value, "must be in [0, 1]");
    }

    /// <summary>Requires a finite value (NaN and infinities fail).</summary>
    public static void Finite(string owner, string option, double value)
    {
        if (!double.IsFinite(value))
            throw Invalid(owner, option, value, "must be a finite number");
    }

    /// <summary>The exception for <paramref name="option"/> = <paramref name="value"/>, explained by <paramref name="rule"/>.</summary>
    public static InvalidOptionsException Invalid(string owner, string option, double value, string rule) =>
        new(option, $"{owner} option {option} = {value.ToString("R", CultureInfo.InvariantCulture)} is invalid: {rule}");
}
