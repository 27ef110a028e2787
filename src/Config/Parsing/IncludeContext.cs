namespace ShampooActors.Configuration.Parsing;

/// <summary>
/// Where a document sits: the folder its includes are relative to, the path of the object it is included into
/// (its keys and substitutions are relative to that), and the files that include it (to catch include cycles).
/// </summary>
internal sealed record IncludeContext(string Folder, IReadOnlyList<string> Prefix, IReadOnlyList<string> Chain)
{
    /// <summary>The context of a top-level document read from <paramref name="path"/>, or of text when it is null.</summary>
    public static IncludeContext ForDocument(string? path)
        => path is null
            ? new IncludeContext("", [], [])
            : new IncludeContext(Path.GetDirectoryName(path) ?? "", [], [Path.GetFullPath(path)]);
}
