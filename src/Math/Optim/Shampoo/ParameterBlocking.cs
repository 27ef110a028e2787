namespace ShampooActors.Math.Optim;

/// <summary>
/// How one parameter is preconditioned (ALGORITHMS.md §1.1): its merged shape, which merged dims get a Kronecker factor,
/// its blocks, and the root exponent of every factor.
/// </summary>
public sealed class ParameterBlocking
{
    private ParameterBlocking(int[] mergedShape, bool[] preconditioned, BlockGeometry[] blocks, int exponent)
    {
        MergedShape = mergedShape;
        PreconditionedDims = preconditioned;
        Blocks = blocks;
        Exponent = exponent;
    }

    /// <summary>The shape after merging small dims and dropping size-1 dims.</summary>
    public IReadOnlyList<int> MergedShape { get; }

    /// <summary>For every merged dim, whether it gets a factor (false: too long, or the parameter is diagonal or a scalar).</summary>
    public IReadOnlyList<bool> PreconditionedDims { get; }

    /// <summary>The blocks in row-major order of their chunks; empty when no dim is preconditioned (grafted update alone).</summary>
    public IReadOnlyList<BlockGeometry> Blocks { get; }

    /// <summary>The p of every factor's inverse p-th root: the override, or 2 × the number of preconditioned dims.</summary>
    public int Exponent { get; }

    /// <summary>The blocking of a parameter of <paramref name="shape"/> under <paramref name="options"/> and an exponent override (0 = none).</summary>
    public static ParameterBlocking For(ReadOnlySpan<int> shape, BlockingOptions options, int exponentOverride = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        var merged = ShapeMerging.Merge(shape, options.EffectiveMergeThreshold);
        var total = merged.Aggregate(1L, (a, b) => a * b);
        var preconditioned = merged.Select(d => !options.Diagonal && total > 1 && d <= options.MaxPreconditionerDim).ToArray();
        var count = preconditioned.Count(x => x);
        if (count == 0)
            return new ParameterBlocking(merged, preconditioned, [], 0);
        var chunks = merged.Select(d => Chunks(d, options.BlockSize)).ToArray();
        var blocks = new List<BlockGeometry>();
        var index = new int[merged.Length];
        while (true)
        {
            var offset = new int[merged.Length];
            var extent = new int[merged.Length];
            for (var d = 0; d < merged.Length; d++)
                (offset[d], extent[d]) = chunks[d][index[d]];
            blocks.Add(new BlockGeometry(offset, extent));
            var dim = merged.Length - 1;
            while (dim >= 0 && ++index[dim] == chunks[dim].Length)
                index[dim--] = 0;
            if (dim < 0)
                break;
        }
        return new ParameterBlocking(merged, preconditioned, blocks.ToArray(), exponentOverride > 0 ? exponentOverride : 2 * count);
    }

    private static (int Offset, int Length)[] Chunks(int size, int blockSize)
    {
        var count = System.Math.Max(1, (size + blockSize - 1) / blockSize);
        var chunks = new (int, int)[count];
        for (var c = 0; c < count; c++)
            chunks[c] = (c * blockSize, System.Math.Min(blockSize, size - c * blockSize));
        return chunks;
    }
}
