namespace ShampooActors.Configuration.Resolution;

/// <summary>Concatenations whose parts are only known after substitution: strings join, lists append, objects merge.</summary>
internal sealed partial class Resolver
{
    private ConfigValue? Concatenate(IReadOnlyList<string> path, ConcatNode concat, Layers? below)
    {
        var parts = new List<object>();
        foreach (var part in concat.Parts)
        {
            if (part is WhitespaceNode w)
                parts.Add(w.Text);
            else if (ResolveNode(path, part, below) is { } value)
                parts.Add(value);
        }
        // Optional substitutions that found nothing are empty strings, so the whitespace next to them stays;
        // but when nothing at all was found the field is not set.
        var values = parts.OfType<ConfigValue>().ToList();
        if (values.Count == 0)
            return null;
        if (parts.Count == 1)
            return values[0];
        if (values.Any(v => v is ConfigList or ConfigObject))
            return Structured(path, concat, values);
        var text = string.Concat(parts.Select(p => p as string ?? ((ConfigScalar)p).Text));
        return new ConfigScalar(ConfigValueType.String, text, concat.Origin);
    }

    private ConfigValue Structured(IReadOnlyList<string> path, ConcatNode concat, List<ConfigValue> values)
    {
        var kind = values.First(v => v is ConfigList or ConfigObject).Type;
        if (values.FirstOrDefault(v => v.Type != kind) is { } odd)
            throw new ConfigException(
                $"cannot concatenate {Article(kind)} with {Article(odd.Type)} (from {odd.Origin})", concat.Origin, PathOrNull(path));
        if (kind == ConfigValueType.List)
            return new ConfigList(values.SelectMany(v => (ConfigList)v).ToList(), concat.Origin);
        var layers = values.AsEnumerable().Reverse().Select(v => (Node)new ResolvedNode(v)).ToList();
        return ResolveLayers(path, Layers.Of(layers))!;
    }

    private static string Article(ConfigValueType type) => type switch
    {
        ConfigValueType.List => "a list",
        ConfigValueType.Object => "an object",
        ConfigValueType.Null => "null",
        ConfigValueType.Number => "a number",
        ConfigValueType.Boolean => "a boolean",
        _ => "a string",
    };
}
