namespace ShampooActors.Configuration;

/// <summary>
/// A broken or mismatched configuration: syntax, a missing path, a wrong type, a substitution cycle, a missing include.
/// The message is one line that starts with the origin ("file:line: ") and names the full path where there is one.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception; the message is composed as "origin: path: problem".</summary>
    public ConfigException(string problem, ConfigOrigin? origin = null, string? path = null, Exception? inner = null)
        : base(Compose(problem, origin, path), inner)
    {
        Problem = problem;
        Origin = origin;
        Path = path;
    }

    /// <summary>What is wrong, without origin or path.</summary>
    public string Problem { get; }

    /// <summary>Where the offending text is, when known.</summary>
    public ConfigOrigin? Origin { get; }

    /// <summary>The full path of the offending setting, when there is one.</summary>
    public string? Path { get; }

    private static string Compose(string problem, ConfigOrigin? origin, string? path)
    {
        var prefix = origin is null ? "" : origin + ": ";
        var message = path is null ? prefix + problem : $"{prefix}{path}: {problem}";
        // A value or key quoted into the message may hold line breaks; the message stays one line for the CLI.
        return message.Replace("\r", "\\r").Replace("\n", "\\n");
    }
}
