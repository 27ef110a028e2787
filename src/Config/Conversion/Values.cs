using System.Globalization;

namespace ShampooActors.Configuration.Conversion;

/// <summary>Builds the exception for a conversion problem, adding the origin and path the caller knows.</summary>
internal delegate ConfigException Fail(string problem);

/// <summary>The typed readings of a value, with Lightbend's automatic conversions (numbers and booleans as text, numeric strings as numbers).</summary>
internal static class Values
{
    /// <summary>The problem of a value that is not of the <paramref name="expected"/> kind.</summary>
    public static string WrongType(ConfigValue value, string expected)
        => value.Type == ConfigValueType.Null
            ? $"is null rather than {expected}"
            : $"has type {value.Type.ToString().ToLowerInvariant()} rather than {expected}";

    /// <summary>A string; numbers and booleans give their text.</summary>
    public static string AsString(ConfigValue value, Fail fail)
        => value is ConfigScalar { Type: ConfigValueType.String or ConfigValueType.Number or ConfigValueType.Boolean } s
            ? s.Text
            : throw fail(WrongType(value, "string"));

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static long AsWhole(ConfigValue value, Fail fail, long min, long max, string name)
    {
        var text = NumberText(value, fail, "number");
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw fail(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"has value {text}, which is out of range for {name}"
                : $"has value '{text}', which is not a number");
        if (number != decimal.Truncate(number))
            throw fail($"has value {text}, which is not a whole number ({name} expected)");
        if (number < min || number > max)
            throw fail($"has value {text}, which is out of range for {name}");
        return (long)number;
    }

    /// <summary>A finite number.</summary>
    public static double AsDouble(ConfigValue value, Fail fail)
    {
        var text = NumberText(value, fail, "number");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw fail($"has value '{text}', which is not a number");
        return double.IsFinite(number) ? number : throw fail($"has value {text}, which is not a finite number");
    }

    /// <summary>true/yes/on or false/no/off.</summary>
    public static bool AsBoolean(ConfigValue value, Fail fail) => value switch
    {
        ConfigScalar { Type: ConfigValueType.Boolean } b => b.Text == "true",
        ConfigScalar { Type: ConfigValueType.String, Text: "true" or "yes" or "on" } => true,
        ConfigScalar { Type: ConfigValueType.String, Text: "false" or "no" or "off" } => false,
        ConfigScalar { Type: ConfigValueType.String } s => throw fail($"has value '{s.Text}', which is not a boolean (true/yes/on or false/no/off)"),
        _ => throw fail(WrongType(value, "boolean")),
    };

    /// <summary>The decimal number in <paramref name="text"/>, or null.</summary>
    public static decimal? ParseDecimal(string text)
        => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string NumberText(ConfigValue value, Fail fail, string expected) => value switch
    {
        ConfigScalar { Type: ConfigValueType.Number } n => n.Text,
        ConfigScalar { Type: ConfigValueType.String } s => s.Text.Trim(),
        _ => throw fail(WrongType(value, expected)),
    };
}
