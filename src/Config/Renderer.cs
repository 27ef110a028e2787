using System.Text;
using ShampooActors.Configuration.Parsing;

namespace ShampooActors.Configuration;

/// <summary>Writes resolved values back as HOCON text that parses to the same tree.</summary>
internal static class Renderer
{
    private const string Indent = "  ";

    /// <summary>One value; objects and lists span several lines; with <paramref name="origins"/> their members get <c># file:line</c> comments.</summary>
    public static string Render(ConfigValue value, bool origins)
    {
        var sb = new StringBuilder();
        Write(sb, value, origins, 0);
        return sb.ToString();
    }

    /// <summary>An object as a whole document: its fields at the top level, without braces.</summary>
    public static string RenderDocument(ConfigObject root, bool origins)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in root)
            WriteField(sb, key, value, origins, 0);
        return sb.ToString();
    }

    /// <summary>A scalar as HOCON: strings bare when that reads back as the same string, quoted otherwise.</summary>
    public static string RenderScalar(ConfigScalar scalar)
        => scalar.Type == ConfigValueType.String && !CanBeBare(scalar.Text) ? QuotedString.Quote(scalar.Text) : scalar.Text;

    // A bare string must read back as one unquoted string: nothing a number, keyword, comment or include could take.
    private static bool CanBeBare(string text)
        => text.Length > 0
           && text.All(Syntax.IsUnquotedChar)
           && !text.Contains("//")
           && !char.IsAsciiDigit(text[0]) && text[0] != '-'
           && text is not ("true" or "false" or "null" or "include");

    private static void Write(StringBuilder sb, ConfigValue value, bool origins, int depth)
    {
        switch (value)
        {
            case ConfigScalar scalar:
                sb.Append(RenderScalar(scalar));
                break;
            case ConfigList list when list.Count == 0:
                sb.Append("[]");
                break;
            case ConfigList list:
                sb.Append("[\n");
                foreach (var item in list)
                {
                    WriteOrigin(sb, item, origins, depth + 1);
                    Pad(sb, depth + 1);
                    Write(sb, item, origins, depth + 1);
                    sb.Append(",\n");
                }
                Pad(sb, depth).Append(']');
                break;
            case ConfigObject obj when obj.Count == 0:
                sb.Append("{}");
                break;
            case ConfigObject obj:
                sb.Append("{\n");
                foreach (var (key, field) in obj)
                    WriteField(sb, key, field, origins, depth + 1);
                Pad(sb, depth).Append('}');
                break;
        }
    }

    private static void WriteField(StringBuilder sb, string key, ConfigValue value, bool origins, int depth)
    {
        WriteOrigin(sb, value, origins, depth);
        Pad(sb, depth).Append(PathExpression.RenderKey(key)).Append(value is ConfigObject ? " " : " = ");
        Write(sb, value, origins, depth);
        sb.Append('\n');
    }

    private static void WriteOrigin(StringBuilder sb, ConfigValue value, bool origins, int depth)
    {
        if (origins)
            Pad(sb, depth).Append("# ").Append(value.Origin.ToString().Replace('\n', ' ')).Append('\n');
    }

    private static StringBuilder Pad(StringBuilder sb, int depth)
    {
        for (var i = 0; i < depth; i++)
            sb.Append(Indent);
        return sb;
    }
}
