using System.Reflection;
using ShampooActors.Configuration;

namespace ShampooActors.Actors;

/// <summary>The project's reference configuration (hocon/reference.conf, embedded): every setting with its default, resolved.</summary>
public static class ReferenceConfig
{
    /// <summary>The resolved reference configuration.</summary>
    public static Config Value { get; } = Load();

    private static Config Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("reference.conf")
            ?? throw new InvalidOperationException("reference.conf is not embedded in the actors assembly");
        using var reader = new StreamReader(stream);
        return Config.Parse(reader.ReadToEnd(), "reference.conf").Resolve();
    }
}
