namespace ShampooActors.Math.Data;

/// <summary>A dataset file is missing or malformed; the one-line message names the file and what is wrong with it.</summary>
public sealed class DatasetException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {OneLine(problem)}", inner)
{
    /// <summary>The file or directory at fault.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; } = OneLine(problem);

    // Messages of wrapped framework exceptions may span lines; the CLI prints ours as one.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
