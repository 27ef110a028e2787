namespace ShampooActors.Math.Optim;

/// <summary>Best-effort reshaping of a parameter before blocking (ALGORITHMS.md §1.1, step 1).</summary>
public static class ShapeMerging
{
    /// <summary>
    /// Drops size-1 dims and multiplies neighbouring dims while the product stays at or below <paramref name="threshold"/>;
    /// a tensor whose total size is at or below the threshold becomes one vector. A scalar becomes [1].
    /// </summary>
    public static int[] Merge(ReadOnlySpan<int> shape, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        long total = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d);
            total *= d;
        }
        if (total <= threshold)
            return [(int)total];
        var merged = new List<int>(shape.Length);
        long current = 0;
        foreach (var d in shape)
        {
            if (d == 1)
                continue;
            if (current == 0)
                current = d;
            else if (current * d <= threshold)
                current *= d;
            else
            {
                merged.Add((int)current);
                current = d;
            }
        }
        merged.Add((int)current);
        return merged.ToArray();
    }
}
