using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>Checks a decoded snapshot or roots against the <see cref="BlockShape"/> the trainer registered for its block.</summary>
public static class WireValidation
{
    /// <summary>
    /// Whether <paramref name="snapshot"/> is of <paramref name="shape"/>'s block with the same factor count, each factor of the
    /// registered size and holding n² values; otherwise <paramref name="error"/> says the first difference in one line.
    /// </summary>
    public static bool Matches(StatisticsSnapshot snapshot, BlockShape shape, out string? error)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(shape);
        error = Header(isRoots: false, snapshot.BlockId, snapshot.Factors.Count, shape);
        for (var f = 0; error is null && f < snapshot.Factors.Count; f++)
        {
            var factor = snapshot.Factors[f];
            var size = shape.FactorSizes[f];
            if (factor.Size != size)
                error = $"factor {f} of the snapshot of block {shape.Block} has size {factor.Size}; the block's is {size}";
            else if (factor.Matrix.Length != (long)size * size)
                error = $"factor {f} of the snapshot of block {shape.Block} holds {factor.Matrix.Length} values; {size}×{size} is {(long)size * size}";
        }
        return error is null;
    }

    /// <summary>
    /// Whether <paramref name="roots"/> are of <paramref name="shape"/>'s block with the same factor count and each factor's root
    /// an n×n matrix of the registered n; otherwise <paramref name="error"/> says the first difference in one line (a rejected
    /// root, having no matrix, does not match).
    /// </summary>
    public static bool Matches(BlockRoots roots, BlockShape shape, out string? error)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(shape);
        error = Header(isRoots: true, roots.BlockId, roots.Factors.Count, shape);
        for (var f = 0; error is null && f < roots.Factors.Count; f++)
        {
            var root = roots.Factors[f].Root;
            var size = shape.FactorSizes[f];
            if (root is null)
                error = $"the root of factor {f} of block {shape.Block} was rejected and has no matrix";
            else if (root.Length != (long)size * size)
                error = $"the root of factor {f} of block {shape.Block} holds {root.Length} values; the factor is {size}×{size}, {(long)size * size} values";
        }
        return error is null;
    }

    /// <summary>The first difference in block id or factor count; <paramref name="isRoots"/> picks the noun's number.</summary>
    private static string? Header(bool isRoots, int block, int factors, BlockShape shape)
    {
        var (subject, be, have) = isRoots ? ("the roots", "are", "have") : ("the snapshot", "is", "has");
        if (block != shape.Block)
            return $"{subject} {be} of block {block}, not block {shape.Block}";
        if (factors != shape.FactorSizes.Count)
            return $"{subject} of block {block} {have} {factors} factors; the block has {shape.FactorSizes.Count}";
        return null;
    }
}
