using ShampooActors.Configuration.Resolution;

namespace ShampooActors.Configuration.Parsing;

/// <summary>Parses tokens into the unresolved tree: objects, fields and dotted keys (values and includes in the other parts).</summary>
internal sealed partial class Parser
{
    private readonly IReadOnlyList<Token> tokens;
    private readonly string source;
    private readonly IncludeContext context;
    private int index;

    private Parser(IReadOnlyList<Token> tokens, string source, IncludeContext context)
    {
        this.tokens = tokens;
        this.source = source;
        this.context = context;
    }

    /// <summary>The root object of the document <paramref name="text"/> named <paramref name="source"/>, its lines counted from <paramref name="firstLine"/>.</summary>
    public static ObjectNode Parse(string text, string source, IncludeContext context, int firstLine = 1)
        => new Parser(Tokenizer.Tokenize(text, source, firstLine), source, context).ParseDocument();

    private Token Peek => tokens[index];

    private Token Next() => tokens[index++];

    private ObjectNode ParseDocument()
    {
        SkipBlank();
        var rootOrigin = new ConfigOrigin(source, 0);
        if (Peek.Kind == TokenKind.OpenBracket)
            throw Error("the root of a document must be an object, not an array", Peek);
        ObjectNode root;
        if (Peek.Kind == TokenKind.OpenBrace)
        {
            var open = Next();
            root = ParseObjectBody(context.Prefix, open, rootOrigin);
            SkipBlank();
            if (Peek.Kind != TokenKind.End)
                throw Error($"expected end of file after the root object, found {Peek.Describe()}", Peek);
        }
        else
            root = ParseObjectBody(context.Prefix, null, rootOrigin);
        return root;
    }

    /// <summary>Fields up to the brace matching <paramref name="open"/>, or to the end of the text when it is null.</summary>
    private ObjectNode ParseObjectBody(IReadOnlyList<string> path, Token? open, ConfigOrigin origin)
    {
        var fields = new ObjectBuilder();
        var closing = open is null ? TokenKind.End : TokenKind.CloseBrace;
        while (true)
        {
            SkipBlank();
            if (Peek.Kind == closing)
            {
                if (open is not null)
                    Next();
                return fields.Build(origin);
            }
            if (Peek.Kind == TokenKind.End)
                throw Error($"'{{' opened on line {open!.Line} is never closed (end of file reached)", open);
            var what = IsInclude() ? ParseInclude(fields, path) : $"the value of '{ParseField(fields, path)}'";
            SkipWhitespace();
            var after = Peek;
            if (after.Kind is TokenKind.Comma or TokenKind.Newline)
                SkipSeparator("two commas in a row (at most one comma between fields)");
            else if (after.Kind != closing)
                throw Error($"expected ',' or a new line after {what}, found {after.Describe()}{QuoteHint(after)}", after);
        }
    }

    /// <summary>
    /// Consumes one separator between fields or elements: new lines, a comma, or new lines then a comma (as Lightbend's parser
    /// reads it); a second comma is an error explained by <paramref name="twoCommas"/>.
    /// </summary>
    private void SkipSeparator(string twoCommas)
    {
        SkipBlank();
        if (Peek.Kind != TokenKind.Comma)
            return;
        Next();
        SkipBlank();
        if (Peek.Kind == TokenKind.Comma)
            throw Error(twoCommas, Peek);
    }

    /// <summary>Parses one <c>key = value</c> into <paramref name="fields"/>; returns the key as written, for messages.</summary>
    private string ParseField(ObjectBuilder fields, IReadOnlyList<string> path)
    {
        var keyToken = Peek;
        var keys = ParseKey();
        var keyText = PathExpression.Join(keys);
        var after = Peek;
        Node value;
        switch (after.Kind)
        {
            case TokenKind.Separator:
                Next();
                SkipBlank();
                value = ParseValue(path.Concat(keys).ToList()) ?? throw ExpectedValue(keyText, after.Text);
                break;
            case TokenKind.PlusEquals:
                Next();
                SkipBlank();
                var full = path.Concat(keys).ToList();
                var item = ParseValue(full) ?? throw ExpectedValue(keyText, "+=");
                var self = new SubstitutionNode($"${{?{PathExpression.Join(full)}}}", full, null, true, item.Origin);
                value = new ConcatNode([self, new ListNode([item], item.Origin)], item.Origin);
                break;
            case TokenKind.OpenBrace:
                value = ParseValue(path.Concat(keys).ToList())!;
                break;
            default:
                throw Error($"expected '=', ':' or '{{' after key '{keyText}', found {after.Describe()}", after);
        }
        for (var i = keys.Count - 1; i > 0; i--)
            value = new ObjectNode([new(keys[i], value)], Origin(keyToken));
        fields.Set(keys[0], value);
        return keyText;
    }

    private IReadOnlyList<string> ParseKey()
    {
        var first = Peek;
        if (!first.IsSimpleValue)
            throw Error($"expected a key, found {first.Describe()}", first);
        var builder = new PathBuilder();
        string? pendingWhitespace = null;
        while (Peek.IsSimpleValue || Peek.Kind == TokenKind.Whitespace)
        {
            var t = Next();
            if (t.Kind == TokenKind.Whitespace)
            {
                pendingWhitespace = t.Text;
                continue;
            }
            if (pendingWhitespace is not null)
                builder.AddWhitespace(pendingWhitespace);
            pendingWhitespace = null;
            if (t.Kind == TokenKind.Quoted)
                builder.AddQuoted(t.Text);
            else
                builder.AddUnquoted(t.Text);
        }
        return builder.Build(out var problem) ?? throw Error($"invalid key: {problem}", first);
    }

    private static string QuoteHint(Token found)
        => found.Kind == TokenKind.Separator ? $" (a value containing '{found.Text}' must be quoted)" : "";

    private ConfigException ExpectedValue(string key, string separator)
        => Error($"expected a value after '{key} {separator}', found {Peek.Describe()}", Peek);

    private void SkipWhitespace()
    {
        while (Peek.Kind == TokenKind.Whitespace)
            index++;
    }

    private void SkipBlank()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
            index++;
    }

    private ConfigOrigin Origin(Token token) => new(source, token.Line);

    private ConfigException Error(string problem, Token at) => new(problem, Origin(at));
}
