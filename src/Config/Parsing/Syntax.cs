namespace ShampooActors.Configuration.Parsing;

/// <summary>Character classes of HOCON text shared by the tokenizer, path expressions and the renderer.</summary>
internal static partial class Syntax
{
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    /// <summary>Characters that end (or may not appear in) an unquoted string.</summary>
    public static bool IsForbidden(char c) => Forbidden.Contains(c);

    /// <summary>Whitespace other than the newline, which is a token of its own; the BOM counts as whitespace.</summary>
    public static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    /// <summary>Whether <paramref name="c"/> may appear in an unquoted string.</summary>
    public static bool IsUnquotedChar(char c) => !IsForbidden(c) && !IsWhitespace(c) && c != '\n';

    /// <summary>The character a JSON escape letter stands for, or null when the escape is unknown (\u is handled by the caller).</summary>
    public static char? Unescape(char letter) => letter switch
    {
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        'b' => '\b',
        'f' => '\f',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        _ => null,
    };

    /// <summary>The value of four hex digits at <paramref name="start"/>, or null when they are not there.</summary>
    public static char? HexChar(string text, int start)
    {
        if (start + 4 > text.Length)
            return null;
        var code = 0;
        for (var i = start; i < start + 4; i++)
        {
            var digit = Uri.IsHexDigit(text[i]) ? Convert.ToInt32(text[i].ToString(), 16) : -1;
            if (digit < 0)
                return null;
            code = code * 16 + digit;
        }
        return (char)code;
    }

    /// <summary>Whether <paramref name="text"/> is a number as HOCON writes one (JSON, leading zeros tolerated).</summary>
    public static bool IsNumber(string text) => NumberPattern().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex NumberPattern();
}
