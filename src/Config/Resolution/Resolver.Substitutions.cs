namespace ShampooActors.Configuration.Resolution;

/// <summary>Substitutions: self-references, lookups from the root, the environment, and the errors when all fail.</summary>
internal sealed partial class Resolver
{
    /// <summary>The value of <paramref name="s"/> written for <paramref name="path"/>; null when it is optional and nothing is set.</summary>
    private ConfigValue? Substitute(IReadOnlyList<string> path, SubstitutionNode s, Layers? below)
    {
        var selfReference = below is not null && IsWithin(s.Path, path);
        var value = Find(path, s, selfReference ? below : null) ?? FromEnvironment(s.EnvironmentName);
        if (value is not null || s.Optional)
            return value;
        var at = PathOrNull(path);
        if (selfReference)
            throw new ConfigException(
                $"{s.Written} refers to '{Config.JoinPath(path)}' itself, which has no earlier value to build on (a cycle); set it before this line, or write ${{?…}}",
                s.Origin, at);
        throw new ConfigException(
            $"could not resolve substitution {s.Written}: no setting at '{Config.JoinPath(s.Path)}'{(options.UseEnvironment ? $" and no environment variable {s.EnvironmentName}" : "")}",
            s.Origin, at);
    }

    // An optional substitution caught in a cycle counts as missing (the spec treats it like an undefined one).
    private ConfigValue? Find(IReadOnlyList<string> path, SubstitutionNode s, Layers? earlier)
    {
        trail.Add(s);
        try
        {
            return earlier is { } below
                ? ValueAt(path, below, s.Path.Skip(path.Count))
                : ValueAt([], root, s.Path) ?? (s.Unprefixed is { } original ? ValueAt([], root, original) : null);
        }
        catch (ConfigException cycle) when (s.Optional && cycles.Contains(cycle))
        {
            return null;
        }
        finally
        {
            trail.RemoveAt(trail.Count - 1);
        }
    }

    // A field whose value mentions the field itself (or something inside it) builds on its earlier value.
    private static bool IsWithin(IReadOnlyList<string> target, IReadOnlyList<string> field)
        => field.Count > 0 && target.Count >= field.Count && field.SequenceEqual(target.Take(field.Count));

    /// <summary>The value at <paramref name="rest"/> under <paramref name="start"/>, the layers of <paramref name="startPath"/>; null when not set.</summary>
    private ConfigValue? ValueAt(IReadOnlyList<string> startPath, Layers start, IEnumerable<string> rest)
    {
        var path = startPath.ToList();
        var layers = start;
        foreach (var key in rest)
        {
            if (layers.Count == 0)
                return null;
            var (winner, objects) = Split(path, layers);
            if (winner is not null)
                return null;
            layers = ChildLayers(objects, key);
            path.Add(key);
        }
        return ResolveLayers(path, layers);
    }

    private ConfigScalar? FromEnvironment(string name)
        => options.UseEnvironment && options.Environment(name) is { } text
            ? new ConfigScalar(ConfigValueType.String, text, new ConfigOrigin($"env var {name}", 0))
            : null;

    private ConfigException Cycle(IReadOnlyList<string> path, int trailStart)
    {
        var chain = trail.Skip(trailStart).Select(s => $"{s.Written} ({s.Origin})").ToList();
        var last = trail.Count > 0 ? trail[^1] : null;
        var problem = chain.Count == 0
            ? $"substitution cycle: '{Config.JoinPath(path)}' depends on itself"
            : $"substitution cycle: {string.Join(" -> ", chain)} leads back to '{Config.JoinPath(path)}'";
        var error = new ConfigException(problem, last?.Origin, PathOrNull(path));
        cycles.Add(error);
        return error;
    }
}
