using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>Typed reads with range checks; a value out of range is a <see cref="ConfigException"/> naming the path and its file:line.</summary>
internal static class SettingChecks
{
    /// <summary>An int at <paramref name="path"/> that is at least <paramref name="min"/>.</summary>
    public static int IntAtLeast(Config config, string path, int min)
    {
        var value = config.GetInt(path);
        return value >= min ? value : throw Invalid(config, path, $"must be at least {min}, got {value}");
    }

    /// <summary>As <see cref="IntAtLeast"/>, null when the path holds null.</summary>
    public static int? OptionalIntAtLeast(Config config, string path, int min) =>
        config.IsNull(path) ? null : IntAtLeast(config, path, min);

    /// <summary>A long at <paramref name="path"/> that is at least 0, as an unsigned seed.</summary>
    public static ulong Seed(Config config, string path)
    {
        var value = config.GetLong(path);
        return value >= 0 ? (ulong)value : throw Invalid(config, path, $"must be at least 0, got {value}");
    }

    /// <summary>A string at <paramref name="path"/> that is one of <paramref name="choices"/>.</summary>
    public static string OneOf(Config config, string path, IReadOnlyCollection<string> choices)
    {
        var value = config.GetString(path);
        return choices.Contains(value) ? value : throw Invalid(config, path, $"'{value}' is unknown; choose one of {string.Join(", ", choices)}");
    }

    /// <summary>A boolean, or null when the path holds null.</summary>
    public static bool? OptionalBoolean(Config config, string path) => config.IsNull(path) ? null : config.GetBoolean(path);

    /// <summary>The error for the value at <paramref name="path"/>, at its origin.</summary>
    public static ConfigException Invalid(Config config, string path, string problem) => new(problem, config.OriginOf(path), path);
}
