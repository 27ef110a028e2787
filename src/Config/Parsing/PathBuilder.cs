using System.Text;

namespace ShampooActors.Configuration.Parsing;

/// <summary>
/// Collects the keys of a path expression from its pieces: unquoted text splits on dots, quoted text is taken whole,
/// so <c>a."b.c".d</c> gives a, b.c, d. Problems come back as text for the caller to place.
/// </summary>
internal sealed class PathBuilder
{
    private readonly List<string> keys = [];
    private readonly StringBuilder current = new();
    private bool currentHasContent;
    private string? problem;

    /// <summary>Adds unquoted text, where each dot ends a key.</summary>
    public void AddUnquoted(string text)
    {
        foreach (var c in text)
        {
            if (c == '.')
                EndKey("has an empty key between dots (quote a key that contains a dot)");
            else
                Append(c.ToString());
        }
    }

    /// <summary>Adds quoted text, dots included, to the current key.</summary>
    public void AddQuoted(string text)
    {
        current.Append(text);
        currentHasContent = true;
    }

    /// <summary>Adds whitespace inside a key (it is kept, as between the words of a value).</summary>
    public void AddWhitespace(string text) => current.Append(text);

    /// <summary>The keys, or null with <paramref name="error"/> set when the path is malformed.</summary>
    public IReadOnlyList<string>? Build(out string? error)
    {
        if (problem is null && keys.Count == 0 && !currentHasContent)
            problem = "is empty";
        else
            EndKey("ends with a dot");
        error = problem;
        return problem is null ? keys : null;
    }

    private void Append(string text)
    {
        current.Append(text);
        currentHasContent = true;
    }

    private void EndKey(string problemIfEmpty)
    {
        if (!currentHasContent)
        {
            problem ??= keys.Count == 0 && current.Length == 0 ? "starts with a dot" : problemIfEmpty;
            return;
        }
        keys.Add(current.ToString());
        current.Clear();
        currentHasContent = false;
    }
}
