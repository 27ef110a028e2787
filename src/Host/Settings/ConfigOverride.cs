using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>One setting given on the command line (<c>--set path=value</c> or a shorthand flag), as HOCON value text.</summary>
internal sealed record ConfigOverride(string Path, string Value, string Source)
{
    /// <summary>Parses <c>path=value</c> as given to <c>--set</c>; the value is HOCON (<c>3e-3</c>, <c>on</c>, <c>[256, 256]</c>, <c>"a b"</c>).</summary>
    public static ConfigOverride Parse(string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0)
            throw new UsageException($"--set {assignment}: expected path=value");
        var path = assignment[..equals].Trim();
        try
        {
            Config.SplitPath(path);
        }
        catch (ConfigException e)
        {
            throw new UsageException($"--set {assignment}: {e.Problem}");
        }
        return new ConfigOverride(path, assignment[(equals + 1)..].Trim(), "--set");
    }

    /// <summary>This setting as a config of its own whose origin is <see cref="Source"/>.</summary>
    public Config ToConfig() => Config.ParseSetting(Path, Value, Source);
}
