namespace ShampooActors.Configuration;

/// <summary>The configuration as a whole: its leaves and its text.</summary>
public sealed partial class Config
{
    /// <summary>Every leaf (any value that is not an object; lists and nulls are leaves) by full path, in document order; keys that need it are quoted.</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigValue>> Entries()
    {
        var entries = new List<KeyValuePair<string, ConfigValue>>();
        Collect(Root, [], entries);
        return entries;
    }

    /// <summary>The configuration as HOCON text; with <paramref name="origins"/>, each value is preceded by a <c># file:line</c> comment.</summary>
    public string Render(bool origins = true) => Renderer.RenderDocument(Root, origins);

    private static void Collect(ConfigObject obj, List<string> keys, List<KeyValuePair<string, ConfigValue>> entries)
    {
        foreach (var (key, value) in obj)
        {
            keys.Add(key);
            if (value is ConfigObject child)
                Collect(child, keys, entries);
            else
                entries.Add(new(JoinPath(keys), value));
            keys.RemoveAt(keys.Count - 1);
        }
    }
}
