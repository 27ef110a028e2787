namespace ShampooActors.Configuration;

/// <summary>Finding values by path, and the errors that name the full path when there is none.</summary>
public sealed partial class Config
{
    /// <summary>Whether <paramref name="path"/> holds a value other than null.</summary>
    public bool HasPath(string path) => Peek(SplitPath(path), out _) is { Type: not ConfigValueType.Null };

    /// <summary>Whether <paramref name="path"/> holds a value, null included.</summary>
    public bool HasPathOrNull(string path) => Peek(SplitPath(path), out _) is not null;

    /// <summary>Whether <paramref name="path"/> holds null (throws when the path is missing).</summary>
    public bool IsNull(string path) => GetValue(path).Type == ConfigValueType.Null;

    /// <summary>The value at <paramref name="path"/>.</summary>
    public ConfigValue GetValue(string path)
    {
        var keys = SplitPath(path);
        if (Peek(keys, out var closest) is { } value)
            return value;
        var problem = closest is ConfigObject
            ? "is missing"
            : $"is missing (the path goes through a {closest.Type.ToString().ToLowerInvariant()}, which has no keys)";
        throw new ConfigException(problem, closest.Origin, FullPath(keys));
    }

    /// <summary>Where the value at <paramref name="path"/> was written.</summary>
    public ConfigOrigin OriginOf(string path) => GetValue(path).Origin;

    /// <summary>The value at <paramref name="keys"/> or null; <paramref name="closest"/> is the deepest value found on the way.</summary>
    private ConfigValue? Peek(IReadOnlyList<string> keys, out ConfigValue closest)
    {
        closest = Root;
        foreach (var key in keys)
        {
            if (closest is not ConfigObject obj || !obj.TryGetValue(key, out var child))
                return null;
            closest = child;
        }
        return closest;
    }

    private string FullPath(IReadOnlyList<string> keys)
        => prefix.Length == 0 ? JoinPath(keys) : $"{prefix}.{JoinPath(keys)}";

    private string FullPath(string path) => FullPath(SplitPath(path));
}
