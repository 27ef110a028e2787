using System.Text;

namespace ShampooActors.Configuration.Parsing;

/// <summary>Path expressions as text: <c>a."b.c"</c> to keys and back.</summary>
internal static class PathExpression
{
    /// <summary>The keys of <paramref name="expression"/>; a malformed one gives null and the problem.</summary>
    public static IReadOnlyList<string>? TryParse(string expression, out string? problem)
    {
        var builder = new PathBuilder();
        var text = expression.Trim();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var key = QuotedString.Read(text, ref i, out problem);
                if (problem is not null)
                    return null;
                builder.AddQuoted(key);
                continue;
            }
            if (Syntax.IsWhitespace(c))
                builder.AddWhitespace(c.ToString());
            else if (c == '.' || Syntax.IsUnquotedChar(c))
                builder.AddUnquoted(c.ToString());
            else
            {
                problem = $"has '{(c == '\n' ? "\\n" : c)}', which must be inside quotes";
                return null;
            }
            i++;
        }
        return builder.Build(out problem);
    }

    /// <summary>The keys of <paramref name="expression"/>; a malformed one throws.</summary>
    public static IReadOnlyList<string> Parse(string expression)
        => TryParse(expression, out var problem) ?? throw new ConfigException($"invalid path '{expression}': {problem}");

    /// <summary>The path expression for <paramref name="keys"/>, quoting those that need it.</summary>
    public static string Join(IEnumerable<string> keys)
    {
        var sb = new StringBuilder();
        foreach (var key in keys)
        {
            if (sb.Length > 0)
                sb.Append('.');
            sb.Append(RenderKey(key));
        }
        return sb.ToString();
    }

    /// <summary>One key as it must be written: bare when it reads back as itself, quoted otherwise.</summary>
    public static string RenderKey(string key)
        => key.Length > 0 && key.All(c => c != '.' && Syntax.IsUnquotedChar(c)) && !key.Contains("//") && key != "include"
            ? key
            : QuotedString.Quote(key);
}
