namespace ShampooActors.Configuration.Resolution;

/// <summary>
/// A value of the unresolved tree. Reference identity matters: the resolver remembers results per node,
/// so nodes are classes without value equality.
/// </summary>
internal abstract class Node(ConfigOrigin origin)
{
    /// <summary>Where the node was written.</summary>
    public ConfigOrigin Origin { get; } = origin;

    /// <summary>Whether a substitution occurs anywhere below this node.</summary>
    public abstract bool HasSubstitutions { get; }
}

/// <summary>A value that needs no resolution: a scalar from the text, or a subtree of an already resolved configuration.</summary>
internal sealed class ResolvedNode(ConfigValue value) : Node(value.Origin)
{
    /// <summary>The value.</summary>
    public ConfigValue Value { get; } = value;

    /// <inheritdoc />
    public override bool HasSubstitutions => false;
}

/// <summary>An array as written.</summary>
internal sealed class ListNode(IReadOnlyList<Node> items, ConfigOrigin origin) : Node(origin)
{
    /// <summary>The elements.</summary>
    public IReadOnlyList<Node> Items { get; } = items;

    /// <inheritdoc />
    public override bool HasSubstitutions { get; } = items.Any(i => i.HasSubstitutions);
}

/// <summary>An object as written; a key written twice holds a <see cref="MergeNode"/>.</summary>
internal sealed class ObjectNode(IReadOnlyList<KeyValuePair<string, Node>> fields, ConfigOrigin origin) : Node(origin)
{
    private readonly Dictionary<string, Node> byKey = fields.ToDictionary(f => f.Key, f => f.Value);

    /// <summary>The fields in the order their keys were first written.</summary>
    public IReadOnlyList<KeyValuePair<string, Node>> Fields { get; } = fields;

    /// <summary>The field's value, or null.</summary>
    public Node? Get(string key) => byKey.GetValueOrDefault(key);

    /// <inheritdoc />
    public override bool HasSubstitutions { get; } = fields.Any(f => f.Value.HasSubstitutions);
}

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. <see cref="Path"/> is relative to the root; inside an included file it is
/// prefixed with the include point, and <see cref="Unprefixed"/> keeps the path as written for the second lookup.
/// </summary>
internal sealed class SubstitutionNode(string written, IReadOnlyList<string> path, IReadOnlyList<string>? unprefixed, bool optional, ConfigOrigin origin)
    : Node(origin)
{
    /// <summary>The substitution as written, for messages.</summary>
    public string Written { get; } = written;

    /// <summary>The path to look up from the root.</summary>
    public IReadOnlyList<string> Path { get; } = path;

    /// <summary>The path as written in an included file, looked up when <see cref="Path"/> is not set; null outside includes.</summary>
    public IReadOnlyList<string>? Unprefixed { get; } = unprefixed;

    /// <summary>Whether a missing value is allowed.</summary>
    public bool Optional { get; } = optional;

    /// <summary>The environment variable consulted when the configuration has no value.</summary>
    public string EnvironmentName => string.Join('.', Unprefixed ?? Path);

    /// <inheritdoc />
    public override bool HasSubstitutions => true;
}

/// <summary>Whitespace between concatenated values: kept in a string, ignored between lists or objects.</summary>
internal sealed class WhitespaceNode(string text, ConfigOrigin origin) : Node(origin)
{
    /// <summary>The whitespace as written.</summary>
    public string Text { get; } = text;

    /// <inheritdoc />
    public override bool HasSubstitutions => false;
}

/// <summary>Values written side by side on one line, with <see cref="WhitespaceNode"/>s between them where there was whitespace.</summary>
internal sealed class ConcatNode(IReadOnlyList<Node> parts, ConfigOrigin origin) : Node(origin)
{
    /// <summary>The parts in order.</summary>
    public IReadOnlyList<Node> Parts { get; } = parts;

    /// <inheritdoc />
    public override bool HasSubstitutions { get; } = parts.Any(p => p.HasSubstitutions);
}

/// <summary>
/// Several values for one path, highest priority first (a later duplicate key, or this side of a fallback).
/// Objects among them merge; the first non-object hides everything below it.
/// </summary>
internal sealed class MergeNode(IReadOnlyList<Node> layers) : Node(layers[0].Origin)
{
    /// <summary>The values, highest priority first; never nested merges.</summary>
    public IReadOnlyList<Node> Layers { get; } = layers;

    /// <summary>A node for <paramref name="over"/> layered over <paramref name="under"/>.</summary>
    public static MergeNode Of(Node over, Node under) => new([.. Flatten(over), .. Flatten(under)]);

    /// <summary>The layers of <paramref name="node"/>: its own when it is a merge, else itself.</summary>
    public static IReadOnlyList<Node> Flatten(Node node) => node is MergeNode m ? m.Layers : [node];

    /// <inheritdoc />
    public override bool HasSubstitutions { get; } = layers.Any(l => l.HasSubstitutions);
}

/// <summary>A substitution written next to an object (<c>${base} { … }</c>): it merges below the object, so it must give an object.</summary>
internal sealed class ObjectPartNode(SubstitutionNode substitution) : Node(substitution.Origin)
{
    /// <summary>The substitution.</summary>
    public SubstitutionNode Substitution { get; } = substitution;

    /// <inheritdoc />
    public override bool HasSubstitutions => true;
}
