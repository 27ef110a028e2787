using System.Text.Json;

namespace ShampooActors.Host;

/// <summary>
/// The one spelling of enum values on the command line and in run files: kebab-case (<c>CoupledNewton</c> →
/// <c>coupled-newton</c>), with RMSprop kept one word as the optimizer is named (<c>NormalizedRmsProp</c> → <c>normalized-rmsprop</c>).
/// </summary>
internal sealed class EnumNames : JsonNamingPolicy
{
    /// <summary>The policy, for JSON enum converters.</summary>
    public static readonly EnumNames Policy = new();

    /// <inheritdoc />
    public override string ConvertName(string name) => KebabCaseLower.ConvertName(name).Replace("rms-prop", "rmsprop", StringComparison.Ordinal);

    /// <summary>The names of every value of <paramref name="enumType"/>, in declaration order.</summary>
    public static string[] Names(Type enumType) => Enum.GetNames(enumType).Select(Policy.ConvertName).ToArray();

    /// <summary>The value of <paramref name="enumType"/> named <paramref name="name"/>, or null.</summary>
    public static object? Parse(Type enumType, string name) =>
        Enum.GetNames(enumType).FirstOrDefault(n => Policy.ConvertName(n) == name) is { } member ? Enum.Parse(enumType, member) : null;
}
