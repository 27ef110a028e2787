namespace ShampooActors.Configuration.Parsing;

/// <summary>The quoted parts of the tokenizer: strings, triple-quoted strings and substitutions.</summary>
internal sealed partial class Tokenizer
{
    private const string TripleQuote = "\"\"\"";

    private void ReadQuoted()
    {
        if (string.CompareOrdinal(text, pos, TripleQuote, 0, 3) == 0)
        {
            ReadTripleQuoted();
            return;
        }
        var value = QuotedString.Read(text, ref pos, out var problem);
        if (problem is not null)
            throw Error(problem);
        Add(TokenKind.Quoted, value);
    }

    private void ReadTripleQuoted()
    {
        var startLine = line;
        var close = text.IndexOf(TripleQuote, pos + 3, StringComparison.Ordinal);
        if (close < 0)
            throw Error("unterminated triple-quoted string", startLine);
        // Quotes right before the closing three belong to the string ("""a"""" is a").
        while (close + 3 < text.Length && text[close + 3] == '"')
            close++;
        var value = text[(pos + 3)..close];
        tokens.Add(new Token(TokenKind.Quoted, value, startLine));
        line += value.Count(c => c == '\n');
        pos = close + 3;
    }

    private void ReadSubstitution()
    {
        if (pos + 1 >= text.Length || text[pos + 1] != '{')
            throw Error("'$' is only allowed in '${' outside quotes");
        var start = pos;
        pos += 2;
        var optional = pos < text.Length && text[pos] == '?';
        if (optional)
            pos++;
        var bodyStart = pos;
        while (pos < text.Length && text[pos] != '}')
        {
            if (text[pos] == '\n')
                throw Error($"unterminated substitution {text[start..pos]}");
            if (text[pos] == '"')
            {
                QuotedString.Read(text, ref pos, out var problem);
                if (problem is not null)
                    throw Error(problem);
            }
            else
                pos++;
        }
        if (pos >= text.Length)
            throw Error($"unterminated substitution {text[start..pos]}");
        var body = text[bodyStart..pos];
        pos++;
        var written = text[start..pos];
        var keys = PathExpression.TryParse(body, out var pathProblem)
                   ?? throw Error($"substitution {written} has an invalid path: {pathProblem}");
        tokens.Add(new Token(TokenKind.Substitution, written, line) { Path = keys, Optional = optional });
    }
}
