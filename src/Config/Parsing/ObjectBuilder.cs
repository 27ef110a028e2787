using ShampooActors.Configuration.Resolution;

namespace ShampooActors.Configuration.Parsing;

/// <summary>The fields of an object being parsed; a key written again layers its new value over the old one.</summary>
internal sealed class ObjectBuilder
{
    private readonly List<string> order = [];
    private readonly Dictionary<string, Node> values = [];

    /// <summary>Sets <paramref name="key"/>; an earlier value stays below the new one so objects can merge and self-references can see it.</summary>
    public void Set(string key, Node value)
    {
        if (values.TryGetValue(key, out var earlier))
            values[key] = MergeNode.Of(value, earlier);
        else
        {
            order.Add(key);
            values[key] = value;
        }
    }

    /// <summary>The object, keys in the order first written.</summary>
    public ObjectNode Build(ConfigOrigin origin)
        => new(order.Select(k => new KeyValuePair<string, Node>(k, values[k])).ToList(), origin);
}
