namespace ShampooActors.Math.Optim;

/// <summary>The state one parameter gets under some options: named buffers with their shapes, and named counters, in slot order.</summary>
/// <param name="BufferNames">The buffer names, in slot order.</param>
/// <param name="BufferShapes">The shape of each buffer, in slot order.</param>
/// <param name="CounterNames">The counter names, in slot order.</param>
internal sealed record StateLayout(string[] BufferNames, int[][] BufferShapes, string[] CounterNames)
{
    /// <summary>Buffers all shaped like the parameter and no counters: the layout of every elementwise optimizer.</summary>
    public static StateLayout Elementwise(string[] names, int[] parameterShape) =>
        new(names, names.Select(_ => parameterShape).ToArray(), []);
}
