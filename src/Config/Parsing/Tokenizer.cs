using System.Text;

namespace ShampooActors.Configuration.Parsing;

/// <summary>Turns HOCON text into tokens, dropping comments and keeping whitespace (it matters between concatenated values).</summary>
internal sealed partial class Tokenizer
{
    private readonly string text;
    private readonly string source;
    private readonly List<Token> tokens = [];
    private int pos;
    private int line;

    private Tokenizer(string text, string source, int firstLine)
    {
        this.text = text;
        this.source = source;
        line = firstLine;
    }

    /// <summary>
    /// The tokens of <paramref name="text"/>, ending with an End token; origins of errors name <paramref name="source"/>.
    /// Lines count from <paramref name="firstLine"/>; 0 marks text that has no lines of its own (a command-line setting).
    /// </summary>
    public static IReadOnlyList<Token> Tokenize(string text, string source, int firstLine = 1)
    {
        var tokenizer = new Tokenizer(text, source, firstLine);
        tokenizer.Run();
        return tokenizer.tokens;
    }

    private void Run()
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '\n')
            {
                Add(TokenKind.Newline, "\n");
                line++;
                pos++;
            }
            else if (Syntax.IsWhitespace(c))
                ReadWhitespace();
            else if (c == '#' || StartsSlashComment())
                SkipComment();
            else if (c == '"')
                ReadQuoted();
            else if (c == '$')
                ReadSubstitution();
            else if (c == '+')
                ReadPlusEquals();
            else if (Punctuation(c) is { } kind)
            {
                Add(kind, c.ToString());
                pos++;
            }
            else if (Syntax.IsForbidden(c))
                throw Error($"reserved character '{c}' is not allowed outside quotes");
            else
                ReadUnquotedOrNumber();
        }
        Add(TokenKind.End, "");
    }

    private static TokenKind? Punctuation(char c) => c switch
    {
        '{' => TokenKind.OpenBrace,
        '}' => TokenKind.CloseBrace,
        '[' => TokenKind.OpenBracket,
        ']' => TokenKind.CloseBracket,
        ',' => TokenKind.Comma,
        '=' or ':' => TokenKind.Separator,
        _ => null,
    };

    private bool StartsSlashComment() => text[pos] == '/' && pos + 1 < text.Length && text[pos + 1] == '/';

    private void SkipComment()
    {
        while (pos < text.Length && text[pos] != '\n')
            pos++;
    }

    private void ReadWhitespace()
    {
        var start = pos;
        while (pos < text.Length && Syntax.IsWhitespace(text[pos]))
            pos++;
        Add(TokenKind.Whitespace, text[start..pos]);
    }

    private void ReadPlusEquals()
    {
        if (pos + 1 >= text.Length || text[pos + 1] != '=')
            throw Error("'+' is only allowed in '+=' outside quotes");
        Add(TokenKind.PlusEquals, "+=");
        pos += 2;
    }

    private void ReadUnquotedOrNumber()
    {
        var c = text[pos];
        if (char.IsAsciiDigit(c) || c == '-')
        {
            var end = pos;
            while (end < text.Length && IsNumberChar(text, end))
                end++;
            var candidate = text[pos..end];
            if (Syntax.IsNumber(candidate))
            {
                Add(TokenKind.Number, candidate);
                pos = end;
                return;
            }
        }
        var sb = new StringBuilder();
        while (pos < text.Length && Syntax.IsUnquotedChar(text[pos]) && !StartsSlashComment())
            sb.Append(text[pos++]);
        Add(TokenKind.Unquoted, sb.ToString());
    }

    // '+' belongs to a number only as the sign of an exponent; elsewhere it is reserved.
    private static bool IsNumberChar(string s, int i)
        => s[i] is >= '0' and <= '9' or '-' or '.' or 'e' or 'E'
           || (s[i] == '+' && i > 0 && s[i - 1] is 'e' or 'E');

    private void Add(TokenKind kind, string value) => tokens.Add(new Token(kind, value, line));

    private ConfigException Error(string problem, int? atLine = null)
        => new(problem, new ConfigOrigin(source, atLine ?? line));
}
