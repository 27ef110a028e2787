namespace ShampooActors.Actors.Kernel;

/// <summary>Where an actor sits in its system's hierarchy: <c>shampoo://system/user/parent/child</c>.</summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private ActorPath(string systemName, ActorPath? parent, string name)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
    }

    /// <summary>The root path of a system: <c>shampoo://name/</c>.</summary>
    public static ActorPath Root(string systemName) => new(systemName, null, "");

    /// <summary>The path of a child called <paramref name="name"/>.</summary>
    public ActorPath Child(string name) => new(SystemName, this, name);

    /// <summary>The actor system's name.</summary>
    public string SystemName { get; }

    /// <summary>The parent's path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    /// <summary>The elements below the root, outermost first.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new List<string>();
            for (var p = this; p.Parent is not null; p = p.Parent)
                elements.Add(p.Name);
            elements.Reverse();
            return elements;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"shampoo://{SystemName}/{string.Join('/', Elements)}";

    /// <inheritdoc />
    public bool Equals(ActorPath? other) =>
        other is not null && Name == other.Name && SystemName == other.SystemName && Equals(Parent, other.Parent);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Parent?.GetHashCode() ?? SystemName.GetHashCode());

    /// <summary>Checks a name given to <c>ActorOf</c>: not empty, no '/', not starting with '$' (reserved for generated names).</summary>
    internal static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name))
            throw new InvalidActorNameException("an actor name must not be empty");
        if (name.StartsWith('$'))
            throw new InvalidActorNameException($"actor name '{name}' starts with '$', which is reserved for generated names");
        foreach (var c in name)
            if (c == '/' || c == '#' || char.IsWhiteSpace(c) || char.IsControl(c))
                throw new InvalidActorNameException($"actor name '{name}' contains '{c}'; use letters, digits and -_.:@&=+,!~*'$;");
    }
}
