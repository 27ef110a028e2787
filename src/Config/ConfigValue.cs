namespace ShampooActors.Configuration;

/// <summary>A resolved HOCON value with the origin of the text that produced it.</summary>
public abstract class ConfigValue
{
    /// <summary>Creates a value written at <paramref name="origin"/>.</summary>
    protected ConfigValue(ConfigOrigin origin) => Origin = origin;

    /// <summary>What kind of value this is.</summary>
    public abstract ConfigValueType Type { get; }

    /// <summary>Where the value was written (for merged objects: the first part).</summary>
    public ConfigOrigin Origin { get; }

    /// <summary>The value as HOCON text (strings quoted when needed, objects and lists on several lines).</summary>
    public abstract string Render();
}

/// <summary>A string, number, boolean or null; <see cref="Text"/> is the string itself, the number as written, "true"/"false" or "null".</summary>
public sealed class ConfigScalar : ConfigValue
{
    /// <summary>Creates a scalar of <paramref name="type"/> (not Object or List).</summary>
    public ConfigScalar(ConfigValueType type, string text, ConfigOrigin origin) : base(origin)
    {
        if (type is ConfigValueType.Object or ConfigValueType.List)
            throw new ArgumentException("a scalar cannot be an object or a list", nameof(type));
        Type = type;
        Text = text;
    }

    /// <inheritdoc />
    public override ConfigValueType Type { get; }

    /// <summary>The scalar's text.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string Render() => Renderer.Render(this, origins: false);
}

/// <summary>A list of values.</summary>
public sealed class ConfigList(IReadOnlyList<ConfigValue> items, ConfigOrigin origin) : ConfigValue(origin), IReadOnlyList<ConfigValue>
{
    /// <inheritdoc />
    public override ConfigValueType Type => ConfigValueType.List;

    /// <inheritdoc />
    public ConfigValue this[int index] => items[index];

    /// <inheritdoc />
    public int Count => items.Count;

    /// <inheritdoc />
    public IEnumerator<ConfigValue> GetEnumerator() => items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string Render() => Renderer.Render(this, origins: false);
}

/// <summary>An object: keys in the order they were first written.</summary>
public sealed class ConfigObject : ConfigValue, IReadOnlyDictionary<string, ConfigValue>
{
    private readonly List<KeyValuePair<string, ConfigValue>> fields;
    private readonly Dictionary<string, ConfigValue> byKey;

    /// <summary>Creates an object from <paramref name="fields"/> in their order.</summary>
    public ConfigObject(IEnumerable<KeyValuePair<string, ConfigValue>> fields, ConfigOrigin origin) : base(origin)
    {
        this.fields = fields.ToList();
        byKey = this.fields.ToDictionary(f => f.Key, f => f.Value);
    }

    /// <inheritdoc />
    public override ConfigValueType Type => ConfigValueType.Object;

    /// <inheritdoc />
    public ConfigValue this[string key] => byKey[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => fields.Select(f => f.Key);

    /// <inheritdoc />
    public IEnumerable<ConfigValue> Values => fields.Select(f => f.Value);

    /// <inheritdoc />
    public int Count => fields.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => byKey.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ConfigValue value) => byKey.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, ConfigValue>> GetEnumerator() => fields.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string Render() => Renderer.Render(this, origins: false);
}
