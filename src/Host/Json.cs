using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShampooActors.Host;

/// <summary>The JSON conventions of run files: snake_case names, invariant numbers, nulls omitted, enums by their command-line names.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Lines = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(EnumNames.Policy) },
    };

    public static readonly JsonSerializerOptions Indented = new(Lines) { WriteIndented = true };
}
