namespace ShampooActors.Configuration;

/// <summary>Where a value was written: a file (or another named source such as <c>command line</c>) and a 1-based line, 0 when unknown.</summary>
public sealed record ConfigOrigin(string Source, int Line)
{
    /// <summary>"source:line", or the source alone when the line is unknown.</summary>
    public override string ToString() => Line > 0 ? $"{Source}:{Line}" : Source;
}
