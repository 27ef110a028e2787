namespace ShampooActors.Configuration.Resolution;

/// <summary>
/// The values written for one path, highest priority first, viewed from <see cref="Start"/> on: a self-reference
/// in the value at the top sees the layers below it as the path's earlier value.
/// </summary>
internal readonly record struct Layers(IReadOnlyList<Node> Items, int Start)
{
    /// <summary>How many layers there are from <see cref="Start"/> on.</summary>
    public int Count => Items.Count - Start;

    /// <summary>The highest-priority layer.</summary>
    public Node Top => Items[Start];

    /// <summary>The layers under the top one.</summary>
    public Layers Below => this with { Start = Start + 1 };

    /// <summary>All of <paramref name="items"/>.</summary>
    public static Layers Of(IReadOnlyList<Node> items) => new(items, 0);
}
