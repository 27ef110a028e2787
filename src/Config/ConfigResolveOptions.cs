namespace ShampooActors.Configuration;

/// <summary>How <see cref="Config.Resolve"/> treats substitutions the configuration itself cannot answer.</summary>
public sealed record ConfigResolveOptions
{
    /// <summary>Look a substitution that names no path up as an environment variable of the same name (true).</summary>
    public bool UseEnvironment { get; init; } = true;

    /// <summary>The environment to look in (the process's by default; tests pass their own).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
