using System.Text;

namespace ShampooActors.Configuration.Parsing;

/// <summary>Reads a JSON-style quoted string (the one-line kind, with escapes) from HOCON text.</summary>
internal static class QuotedString
{
    /// <summary>
    /// Decodes the string whose opening quote is at <paramref name="pos"/>, leaving <paramref name="pos"/> after the closing quote.
    /// Returns the problem instead of throwing so each caller can name its own origin.
    /// </summary>
    public static string Read(string text, ref int pos, out string? problem)
    {
        var sb = new StringBuilder();
        problem = null;
        var i = pos + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                pos = i + 1;
                return sb.ToString();
            }
            if (c == '\n')
            {
                problem = "newline in a quoted string (write \\n, or use a \"\"\"triple-quoted\"\"\" string)";
                return "";
            }
            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (!ReadEscape(text, ref i, sb, out problem))
                return "";
        }
        problem = "unterminated quoted string";
        return "";
    }

    private static bool ReadEscape(string text, ref int i, StringBuilder sb, out string? problem)
    {
        problem = null;
        if (i + 1 >= text.Length)
        {
            problem = "unterminated quoted string";
            return false;
        }
        var letter = text[i + 1];
        if (letter == 'u')
        {
            if (Syntax.HexChar(text, i + 2) is not { } ch)
            {
                problem = "\\u in a quoted string must be followed by four hex digits";
                return false;
            }
            sb.Append(ch);
            i += 6;
            return true;
        }
        if (Syntax.Unescape(letter) is not { } plain)
        {
            problem = $"unknown escape '\\{letter}' in a quoted string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
            return false;
        }
        sb.Append(plain);
        i += 2;
        return true;
    }

    /// <summary>The JSON-quoted form of <paramref name="value"/>.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
