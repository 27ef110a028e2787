namespace ShampooActors.Configuration.Conversion;

/// <summary>The number-and-unit shape shared by durations and sizes.</summary>
internal static class Quantity
{
    /// <summary>The number part and the unit (the trailing letters) of <paramref name="text"/>, both trimmed.</summary>
    public static (string Number, string Unit) Split(string text)
    {
        var end = text.Length;
        while (end > 0 && char.IsLetter(text[end - 1]))
            end--;
        return (text[..end].Trim(), text[end..]);
    }

    /// <summary><paramref name="amount"/> × <paramref name="factor"/> when it fits in a long, else null.</summary>
    public static decimal? Multiply(decimal amount, decimal factor)
    {
        try
        {
            var product = amount * factor;
            return product is >= long.MinValue and <= long.MaxValue ? product : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
