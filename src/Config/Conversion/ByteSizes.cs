namespace ShampooActors.Configuration.Conversion;

/// <summary>Sizes in bytes: a number with a unit (powers of 1000 or of 1024) or a bare number of bytes.</summary>
internal static class ByteSizes
{
    private static readonly (decimal Bytes, string[] Names)[] Units =
    [
        (1m, ["B", "b", "byte", "bytes"]),
        (1e3m, ["kB", "kilobyte", "kilobytes"]),
        (1024m, ["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"]),
        (1e6m, ["MB", "megabyte", "megabytes"]),
        (1024m * 1024, ["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"]),
        (1e9m, ["GB", "gigabyte", "gigabytes"]),
        (1024m * 1024 * 1024, ["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"]),
        (1e12m, ["TB", "terabyte", "terabytes"]),
        (1024m * 1024 * 1024 * 1024, ["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"]),
    ];

    private static readonly string ValidUnits = string.Join(", ", Units.SelectMany(u => u.Names));

    /// <summary>The number of bytes <paramref name="value"/> stands for; it must be whole and fit in a long.</summary>
    public static long Read(ConfigValue value, Fail fail)
    {
        if (value is not ConfigScalar { Type: ConfigValueType.Number or ConfigValueType.String } scalar)
            throw fail(Values.WrongType(value, "size in bytes"));
        var text = scalar.Text.Trim();
        var (number, unit) = Quantity.Split(text);
        var factor = unit.Length == 0 ? 1m : Units.FirstOrDefault(u => u.Names.Contains(unit)).Bytes;
        if (factor == 0)
            throw fail($"has value '{text}' with unknown size unit '{unit}' (valid units: {ValidUnits})");
        if (number.Length == 0 || Values.ParseDecimal(number) is not { } amount)
            throw fail($"has value '{text}', which is not a size in bytes (a number and a unit such as 64 MiB)");
        var bytes = Quantity.Multiply(amount, factor) ?? throw fail($"has value '{text}', which is out of range (more bytes than a long holds)");
        return bytes == decimal.Truncate(bytes) ? (long)bytes : throw fail($"has value '{text}', which is not a whole number of bytes");
    }
}
