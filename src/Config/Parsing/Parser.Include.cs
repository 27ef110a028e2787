namespace ShampooActors.Configuration.Parsing;

/// <summary>The include directive: <c>include "f"</c>, <c>include file("f")</c>, <c>include required("f")</c>.</summary>
internal sealed partial class Parser
{
    private static readonly string[] FileOpeners = ["", "file(", "required(", "required(file("];

    // "include" is a directive only when a file name follows; elsewhere it is an ordinary key.
    private bool IsInclude()
    {
        if (Peek is not { Kind: TokenKind.Unquoted, Text: "include" })
            return false;
        var next = index + 1;
        while (tokens[next].Kind is TokenKind.Whitespace or TokenKind.Newline)
            next++;
        return tokens[next].Kind == TokenKind.Quoted
               || (tokens[next].Kind == TokenKind.Unquoted && tokens[next].Text.EndsWith('('));
    }

    /// <summary>Parses the directive and merges the included file into <paramref name="fields"/>; returns what to call it in messages.</summary>
    private string ParseInclude(ObjectBuilder fields, IReadOnlyList<string> path)
    {
        var directive = Next();
        SkipBlank();
        var opener = UnquotedRun(int.MaxValue);
        if (!FileOpeners.Contains(opener))
            throw Error($"unsupported include '{opener}' (use include \"file\", include file(\"file\") or include required(\"file\"))", directive);
        if (Peek.Kind != TokenKind.Quoted)
            throw Error($"expected a quoted file name after 'include {opener}', found {Peek.Describe()}", Peek);
        var name = Next().Text;
        var expectedClose = new string(')', opener.Count(c => c == '('));
        var close = UnquotedRun(expectedClose.Length);
        if (close != expectedClose)
            throw Error($"expected '{expectedClose}' after the file name in 'include {opener}\"{name}\"', found {Peek.Describe()}", Peek);
        var included = LoadInclude(name, path, directive);
        foreach (var (key, value) in included.Fields)
            fields.Set(key, value);
        return $"include \"{name}\"";
    }

    // Whitespace is allowed inside the parentheses, so it is skipped between the pieces of file( and ).
    private string UnquotedRun(int maxLength)
    {
        var text = "";
        while (text.Length < maxLength && Peek.Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            var t = Next();
            if (t.Kind == TokenKind.Unquoted)
                text += t.Text;
        }
        return text;
    }

    private Resolution.ObjectNode LoadInclude(string name, IReadOnlyList<string> path, Token directive)
    {
        var file = Path.IsPathRooted(name) ? name : Path.Combine(context.Folder, name);
        var withExtension = Path.GetExtension(name).Length == 0 ? file + ".conf" : null;
        if (!File.Exists(file) && withExtension is not null && File.Exists(withExtension))
            file = withExtension;
        if (!File.Exists(file))
            throw Error($"included file '{name}' not found (looked for {file}{(withExtension is null ? "" : " and " + withExtension)})", directive);
        var full = Path.GetFullPath(file);
        if (context.Chain.Contains(full))
            throw Error($"include cycle: {string.Join(" -> ", context.Chain.Append(full).Select(Path.GetFileName))}", directive);
        var nested = new IncludeContext(Path.GetDirectoryName(file) ?? "", path, [.. context.Chain, full]);
        return Parse(File.ReadAllText(file), file, nested);
    }
}
