namespace ShampooActors.Configuration.Resolution;

/// <summary>
/// Turns the unresolved tree into values. Each path's layers resolve top-down: objects merge, the first other
/// value wins and hides the rest. Lookups walk down from the root layer by layer, so a substitution can read a
/// sibling without resolving the object that contains it.
/// </summary>
internal sealed partial class Resolver
{
    private readonly Layers root;
    private readonly ConfigResolveOptions options;
    private readonly Dictionary<Key, ConfigValue?> done = [];
    private readonly Dictionary<Key, int> inProgress = [];
    private readonly List<SubstitutionNode> trail = [];
    private readonly HashSet<ConfigException> cycles = [];

    private Resolver(Node rootNode, ConfigResolveOptions options)
    {
        root = Layers.Of(MergeNode.Flatten(rootNode));
        this.options = options;
    }

    /// <summary>The resolved root object of <paramref name="rootNode"/> (an object or a merge of objects).</summary>
    public static ConfigObject Resolve(Node rootNode, ConfigResolveOptions options)
    {
        var resolver = new Resolver(rootNode, options);
        return (ConfigObject)resolver.ResolveLayers([], resolver.root)!;
    }

    // The same top node with the same number of layers under it is the same question, whichever way it was reached.
    private readonly record struct Key(string Path, Node Top, int Count);

    /// <summary>The value of <paramref name="path"/> given its <paramref name="layers"/>; null when nothing is set (only optional substitutions that found nothing).</summary>
    private ConfigValue? ResolveLayers(IReadOnlyList<string> path, Layers layers)
    {
        if (layers.Count == 0)
            return null;
        var key = new Key(Config.JoinPath(path), layers.Top, layers.Count);
        if (done.TryGetValue(key, out var known))
            return known;
        if (inProgress.TryGetValue(key, out var trailStart))
            throw Cycle(path, trailStart);
        inProgress[key] = trail.Count;
        try
        {
            var (winner, objects) = Split(path, layers);
            var result = winner ?? (objects.Count > 0 ? BuildObject(path, objects) : null);
            done[key] = result;
            return result;
        }
        finally
        {
            // Also on the way out of a cycle, which an optional substitution further up may absorb.
            inProgress.Remove(key);
        }
    }

    /// <summary>
    /// The value hiding everything under it when the top resolved layer is not an object; otherwise the run of
    /// object layers (as ObjectNode or ResolvedNode) down to the first non-object.
    /// </summary>
    private (ConfigValue? Winner, List<Node> Objects) Split(IReadOnlyList<string> path, Layers layers)
    {
        var objects = new List<Node>();
        for (var rest = layers; rest.Count > 0; rest = rest.Below)
        {
            var node = rest.Top;
            if (node is ObjectNode or ResolvedNode { Value: ConfigObject })
            {
                objects.Add(node);
                continue;
            }
            var value = ResolveNode(path, node, rest.Below);
            if (value is null)
                continue;
            if (value is ConfigObject)
            {
                objects.Add(new ResolvedNode(value));
                continue;
            }
            return objects.Count == 0 ? (value, objects) : (null, objects);
        }
        return (null, objects);
    }

    private ConfigObject BuildObject(IReadOnlyList<string> path, List<Node> objects)
    {
        // Keys in the order first written: the lowest layer is the earliest text (or the fallback).
        var keys = new List<string>();
        var seen = new HashSet<string>();
        for (var i = objects.Count - 1; i >= 0; i--)
            keys.AddRange(KeysOf(objects[i]).Where(seen.Add));
        var fields = new List<KeyValuePair<string, ConfigValue>>();
        foreach (var key in keys)
        {
            if (ResolveLayers([.. path, key], ChildLayers(objects, key)) is { } value)
                fields.Add(new(key, value));
        }
        return new ConfigObject(fields, objects[^1].Origin);
    }

    private static IEnumerable<string> KeysOf(Node obj)
        => obj is ObjectNode o ? o.Fields.Select(f => f.Key) : ((ConfigObject)((ResolvedNode)obj).Value).Keys;

    /// <summary>The layers of <paramref name="key"/> under the object layers <paramref name="objects"/>.</summary>
    private static Layers ChildLayers(List<Node> objects, string key)
    {
        var items = new List<Node>();
        foreach (var obj in objects)
        {
            if (obj is ObjectNode o)
            {
                if (o.Get(key) is { } child)
                    items.AddRange(MergeNode.Flatten(child));
            }
            else if (((ConfigObject)((ResolvedNode)obj).Value).TryGetValue(key, out var value))
                items.Add(new ResolvedNode(value));
        }
        return Layers.Of(items);
    }

    /// <summary>
    /// One node written for <paramref name="path"/>, with <paramref name="below"/> as that path's earlier value;
    /// null <paramref name="below"/> inside an array, where the spec allows no self-reference.
    /// </summary>
    private ConfigValue? ResolveNode(IReadOnlyList<string> path, Node node, Layers? below) => node switch
    {
        ResolvedNode r => r.Value,
        ObjectNode or MergeNode => ResolveLayers(path, Layers.Of(MergeNode.Flatten(node))),
        ListNode list => new ConfigList(
            list.Items.Select(i => ResolveNode(path, i, null)).OfType<ConfigValue>().ToList(), list.Origin),
        SubstitutionNode s => Substitute(path, s, below),
        ObjectPartNode part => ObjectPart(path, part, below),
        ConcatNode concat => Concatenate(path, concat, below),
        _ => throw new InvalidOperationException($"unexpected {node.GetType().Name} outside a concatenation"),
    };

    private ConfigValue? ObjectPart(IReadOnlyList<string> path, ObjectPartNode part, Layers? below)
    {
        var value = Substitute(path, part.Substitution, below);
        if (value is null or ConfigObject)
            return value;
        throw new ConfigException(
            $"cannot merge {part.Substitution.Written} (a {Describe(value)} from {value.Origin}) with an object written next to it",
            part.Origin, PathOrNull(path));
    }

    private static string Describe(ConfigValue value) => value.Type.ToString().ToLowerInvariant();

    private static string? PathOrNull(IReadOnlyList<string> path) => path.Count == 0 ? null : Config.JoinPath(path);
}
