using ShampooActors.Configuration.Parsing;
using ShampooActors.Configuration.Resolution;

namespace ShampooActors.Configuration;

/// <summary>
/// An immutable HOCON configuration. <see cref="Parse"/> and <see cref="ParseFile"/> give an unresolved tree;
/// layer with <see cref="WithFallback"/>, then <see cref="Resolve"/> once; the getters need a resolved config and are strict:
/// a missing path or a value of the wrong type throws a <see cref="ConfigException"/> naming the full path and file:line.
/// Paths are HOCON path expressions (<c>a.b."c.d"</c>).
/// </summary>
public sealed partial class Config
{
    private static readonly Config EmptyConfig = FromResolved(new ConfigObject([], new ConfigOrigin("empty config", 0)), "");

    private readonly Node tree;
    private readonly ConfigObject? resolved;

    // Where this configuration sits in the one it was taken from (GetConfig), so messages name the full path.
    private readonly string prefix;

    private Config(Node tree, ConfigObject? resolved, string prefix)
    {
        this.tree = tree;
        this.resolved = resolved;
        this.prefix = prefix;
    }

    /// <summary>The empty configuration (resolved).</summary>
    public static Config Empty => EmptyConfig;

    /// <summary>Parses HOCON <paramref name="text"/>; origins name <paramref name="source"/>. Includes are relative to the working folder.</summary>
    public static Config Parse(string text, string source = "string")
        => FromTree(Parser.Parse(text, source, IncludeContext.ForDocument(null)), "");

    /// <summary>Parses the file at <paramref name="path"/>; its includes are relative to its folder; origins name the path as given.</summary>
    public static Config ParseFile(string path)
    {
        if (!File.Exists(path))
            throw new ConfigException("configuration file not found", new ConfigOrigin(path, 0));
        return FromTree(Parser.Parse(File.ReadAllText(path), path, IncludeContext.ForDocument(path)), "");
    }

    /// <summary>A configuration holding one setting: <paramref name="path"/> = the HOCON value <paramref name="value"/>, every origin named <paramref name="source"/> (no line).</summary>
    public static Config ParseSetting(string path, string value, string source)
    {
        var keys = SplitPath(path);
        var root = Parser.Parse($"{JoinPath(keys)} = {value}", source, IncludeContext.ForDocument(null), firstLine: 0);
        // The value must not smuggle in other settings ("1, b = 2"): along the path, every object holds the one key.
        Node node = root;
        foreach (var key in keys)
        {
            if (node is not ObjectNode { Fields: [var field] } || field.Key != key)
                throw new ConfigException($"'{value}' is not one value", new ConfigOrigin(source, 0), path);
            node = field.Value;
        }
        return FromTree(root, "");
    }

    /// <summary>This configuration over <paramref name="fallback"/>: objects merge, this side wins on everything else.</summary>
    public Config WithFallback(Config fallback) => FromTree(MergeNode.Of(tree, fallback.tree), prefix);

    /// <summary>Resolves every substitution against the whole tree (then the environment); cycles and missing required paths throw.</summary>
    public Config Resolve(ConfigResolveOptions? options = null)
        => resolved is not null ? this : FromResolved(Resolver.Resolve(tree, options ?? new ConfigResolveOptions()), prefix);

    /// <summary>Whether every substitution has been resolved.</summary>
    public bool IsResolved => resolved is not null;

    /// <summary>The root object (resolved configurations only).</summary>
    public ConfigObject Root => resolved
        ?? throw new ConfigException("the configuration must be resolved before reading values: call Resolve() (it has substitutions)");

    /// <summary>Splits a path expression into its keys (<c>a."b.c"</c> → a, b.c); a malformed path throws.</summary>
    public static IReadOnlyList<string> SplitPath(string path) => PathExpression.Parse(path);

    /// <summary>Joins keys into a path expression, quoting keys that need it.</summary>
    public static string JoinPath(IEnumerable<string> keys) => PathExpression.Join(keys);

    // Without substitutions there is nothing to wait for: merging duplicate keys and fallbacks can happen now.
    private static Config FromTree(Node tree, string prefix)
        => tree.HasSubstitutions
            ? new Config(tree, null, prefix)
            : FromResolved(Resolver.Resolve(tree, new ConfigResolveOptions { UseEnvironment = false }), prefix);

    private static Config FromResolved(ConfigObject root, string prefix) => new(new ResolvedNode(root), root, prefix);
}
