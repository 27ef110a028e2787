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

    /// <summary>The name of <paramref name="value"/>.</summary>
    public static string Of<T>(T value) where T : struct, Enum => Policy.ConvertName(value.ToString());

    /// <summary>Every value of <typeparamref name="T"/> by its name, in declaration order.</summary>
    public static IReadOnlyList<KeyValuePair<string, T>> All<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => KeyValuePair.Create(Of(v), v)).ToArray();

    /// <summary>The names of every value of <typeparamref name="T"/>.</summary>
    public static string[] Names<T>() where T : struct, Enum => All<T>().Select(kv => kv.Key).ToArray();

    /// <summary>The value named <paramref name="name"/>; a <see cref="UsageException"/> naming <paramref name="flag"/> and the choices otherwise.</summary>
    public static T Parse<T>(string name, string flag) where T : struct, Enum
    {
        foreach (var (key, value) in All<T>())
        {
            if (key == name)
                return value;
        }
        throw new UsageException($"{flag} {name} is unknown; choose one of {string.Join(", ", Names<T>())}");
    }
}
