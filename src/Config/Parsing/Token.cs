namespace ShampooActors.Configuration.Parsing;

/// <summary>The kinds of token the HOCON tokenizer produces.</summary>
internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Separator,
    PlusEquals,
    Newline,
    Whitespace,
    Unquoted,
    Number,
    Quoted,
    Substitution,
    End,
}

/// <summary>One token: its text (decoded for quoted strings), its line, and for substitutions the path and whether it is optional.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Line)
{
    /// <summary>The keys of a substitution's path.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>Whether a substitution was written <c>${?…}</c>.</summary>
    public bool Optional { get; init; }

    /// <summary>Whether this token is a value that can take part in a concatenation or a key.</summary>
    public bool IsSimpleValue => Kind is TokenKind.Unquoted or TokenKind.Number or TokenKind.Quoted;

    /// <summary>How an error message names this token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Newline => "end of line",
        TokenKind.End => "end of file",
        TokenKind.Quoted => QuotedString.Quote(Text),
        TokenKind.Substitution => $"substitution {Text}",
        _ => $"'{Text}'",
    };
}
