using System.Reflection;
using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>
/// Reads an options record (<c>AdamOptions</c>, <c>ShampooOptions</c> with its nested records) from a config section whose keys
/// are the record's property names in kebab-case. One mechanism for every optimizer: the section mirrors the record.
/// </summary>
internal static class OptionsBinder
{
    /// <summary>The record of <paramref name="type"/> that the section at <paramref name="path"/> describes; every property must be there.</summary>
    public static object Bind(Type type, Config config, string path)
    {
        var record = Activator.CreateInstance(type)!;
        foreach (var (key, property) in Properties(type))
            property.SetValue(record, Read(property.PropertyType, config, $"{path}.{key}"));
        return record;
    }

    /// <summary>The settable properties of <paramref name="type"/> and their keys, in declaration order.</summary>
    public static IEnumerable<(string Key, PropertyInfo Property)> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => (EnumNames.Policy.ConvertName(p.Name), p));

    private static object? Read(Type type, Config config, string path)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return config.IsNull(path) ? null : Read(inner, config, path);
        if (type == typeof(double)) return config.GetDouble(path);
        if (type == typeof(int)) return config.GetInt(path);
        if (type == typeof(long)) return config.GetLong(path);
        if (type == typeof(bool)) return config.GetBoolean(path);
        if (type == typeof(string)) return config.GetString(path);
        if (type.IsEnum) return EnumSetting(type, config, path);
        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null) return Bind(type, config, path);
        throw new NotSupportedException($"options property of type {type.Name} at {path}");
    }

    private static object EnumSetting(Type type, Config config, string path)
    {
        var name = config.GetString(path);
        return EnumNames.Parse(type, name)
            ?? throw SettingChecks.Invalid(config, path, $"'{name}' is unknown; choose one of {string.Join(", ", EnumNames.Names(type))}");
    }
}
