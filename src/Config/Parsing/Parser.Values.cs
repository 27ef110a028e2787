using ShampooActors.Configuration.Resolution;

namespace ShampooActors.Configuration.Parsing;

/// <summary>The value side of the parser: single values, concatenations and arrays.</summary>
internal sealed partial class Parser
{
    /// <summary>The value starting here (several on one line concatenate), or null when none starts here.</summary>
    private Node? ParseValue(IReadOnlyList<string> path)
    {
        var parts = new List<Node>();
        Token? pendingWhitespace = null;
        while (true)
        {
            var t = Peek;
            if (t.Kind == TokenKind.Whitespace)
            {
                if (parts.Count > 0)
                    pendingWhitespace = t;
                Next();
                continue;
            }
            if (!t.IsSimpleValue && t.Kind is not (TokenKind.Substitution or TokenKind.OpenBrace or TokenKind.OpenBracket))
                break;
            if (pendingWhitespace is not null)
                parts.Add(new WhitespaceNode(pendingWhitespace.Text, Origin(pendingWhitespace)));
            pendingWhitespace = null;
            parts.Add(ParsePart(path));
        }
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => Concatenate(parts),
        };
    }

    private Node ParsePart(IReadOnlyList<string> path)
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.OpenBrace:
                Next();
                return ParseObjectBody(path, t, Origin(t));
            case TokenKind.OpenBracket:
                return ParseList(path);
            case TokenKind.Substitution:
                Next();
                var prefix = context.Prefix;
                return new SubstitutionNode(t.Text, [.. prefix, .. t.Path], prefix.Count > 0 ? t.Path : null, t.Optional, Origin(t));
            default:
                Next();
                return new ResolvedNode(new ConfigScalar(ScalarType(t), t.Text, Origin(t)));
        }
    }

    private static ConfigValueType ScalarType(Token t) => t.Kind switch
    {
        TokenKind.Number => ConfigValueType.Number,
        TokenKind.Unquoted when t.Text is "true" or "false" => ConfigValueType.Boolean,
        TokenKind.Unquoted when t.Text == "null" => ConfigValueType.Null,
        _ => ConfigValueType.String,
    };

    private Node Concatenate(List<Node> parts)
    {
        var origin = parts[0].Origin;
        var structured = parts.FirstOrDefault(p => p is ListNode or ObjectNode);
        var text = parts.OfType<ResolvedNode>().FirstOrDefault();
        if (structured is not null && text is not null)
            throw new ConfigException(
                $"cannot concatenate {Kind(structured)} with the string '{((ConfigScalar)text.Value).Text}' (quote the whole value, or separate the values with a comma or a new line)",
                origin);
        if (parts.OfType<ListNode>().Any() && parts.OfType<ObjectNode>().Any())
            throw new ConfigException("cannot concatenate an array with an object", origin);
        if (structured is ObjectNode)
            return ObjectConcatenation(parts);
        if (parts.All(p => p is ResolvedNode or WhitespaceNode))
        {
            var joined = string.Concat(parts.Select(p => p is WhitespaceNode w ? w.Text : ((ConfigScalar)((ResolvedNode)p).Value).Text));
            return new ResolvedNode(new ConfigScalar(ConfigValueType.String, joined, origin));
        }
        return new ConcatNode(parts, origin);
    }

    // Objects side by side merge, the later on top: the same layering as a key written twice, so the resolver
    // treats both alike (and can look into the merged object without resolving all of it first).
    private static MergeNode ObjectConcatenation(List<Node> parts)
        => new(parts.Where(p => p is not WhitespaceNode)
            .Reverse()
            .Select(p => p is SubstitutionNode s ? new ObjectPartNode(s) : p)
            .ToList());

    private static string Kind(Node node) => node is ListNode ? "an array" : "an object";

    private ListNode ParseList(IReadOnlyList<string> path)
    {
        var open = Next();
        var items = new List<Node>();
        SkipBlank();
        if (Peek.Kind == TokenKind.Comma)
            throw Error("expected a value or ']' after '[', found ','", Peek);
        while (true)
        {
            SkipBlank();
            if (Peek.Kind == TokenKind.CloseBracket)
            {
                Next();
                return new ListNode(items, Origin(open));
            }
            if (Peek.Kind == TokenKind.End)
                throw Error($"'[' opened on line {open.Line} is never closed (end of file reached)", open);
            items.Add(ParseValue(path)
                      ?? throw Error($"expected a value or ']' in the array opened on line {open.Line}, found {Peek.Describe()}", Peek));
            SkipWhitespace();
            if (Peek.Kind is TokenKind.Comma or TokenKind.Newline)
                SkipSeparator("two commas in a row in an array (at most one comma between elements)");
            else if (Peek.Kind == TokenKind.End)
                throw Error($"'[' opened on line {open.Line} is never closed (end of file reached)", open);
            else if (Peek.Kind != TokenKind.CloseBracket)
                throw Error($"expected ',' or ']' after an array element, found {Peek.Describe()}", Peek);
        }
    }
}
