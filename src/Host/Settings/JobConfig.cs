using ShampooActors.Actors;
using ShampooActors.Configuration;

namespace ShampooActors.Host.Settings;

/// <summary>
/// Builds a job's configuration: the command-line overrides (later ones win) over the job file over <c>reference.conf</c>, resolved
/// once. A setting that <c>reference.conf</c> does not define is an error that suggests the closest one it does.
/// </summary>
internal static class JobConfig
{
    /// <summary>The reference configuration, resolved: every setting with its default (hocon/reference.conf).</summary>
    public static Config Reference => ReferenceConfig.Value;

    /// <summary>The resolved job config of <paramref name="file"/> (none: the reference alone) with <paramref name="overrides"/> on top.</summary>
    public static Config Load(string? file, IReadOnlyList<ConfigOverride> overrides, ConfigResolveOptions? resolve = null)
    {
        var job = file is null ? Config.Empty : ParseJob(file);
        var layered = job;
        foreach (var o in overrides)
            layered = o.ToConfig().WithFallback(layered);
        var config = layered.WithFallback(Reference).Resolve(resolve);
        RejectUnknownKeys(config);
        return config;
    }

    private static Config ParseJob(string file)
    {
        if (Directory.Exists(file))
            throw new UsageException($"--config {file} is a folder, not a config file");
        if (!File.Exists(file))
            throw new UsageException($"--config {file}: no such file");
        return Config.ParseFile(file);
    }

    private static void RejectUnknownKeys(Config config)
    {
        foreach (var (path, value) in config.Entries())
        {
            if (Reference.HasPathOrNull(path))
                continue;
            var hint = ClosestKey.To(path, Reference.Entries().Select(e => e.Key)) is { } closest ? $"; did you mean {closest}?" : "";
            throw new ConfigException($"unknown setting{hint}", value.Origin, path);
        }
    }
}
