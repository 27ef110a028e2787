using System.Globalization;
using System.Text.Json;

namespace ShampooActors.Host.Reports;

/// <summary>Tolerant reads of optional fields of a run file's JSON object: a missing or mistyped field is null, not an error.</summary>
internal static class JsonFields
{
    /// <summary>The number in <paramref name="name"/>; run files write non-finite numbers as the strings "NaN", "Infinity", "-Infinity".</summary>
    public static double? Number(JsonElement obj, string name) => obj.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var named) => named,
        _ => null,
    } : null;

    /// <summary>The whole number in <paramref name="name"/>, or null.</summary>
    public static long? Integer(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    /// <summary>The boolean in <paramref name="name"/>, or null.</summary>
    public static bool? Flag(JsonElement obj, string name) => obj.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    } : null;

    /// <summary>Whether <paramref name="name"/> holds something (not null) that <paramref name="read"/> cannot make sense of.</summary>
    public static bool Malformed<T>(JsonElement obj, string name, Func<JsonElement, string, T?> read) where T : struct =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null && read(obj, name) is null;

    /// <summary>The string in <paramref name="name"/>, or null.</summary>
    public static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
