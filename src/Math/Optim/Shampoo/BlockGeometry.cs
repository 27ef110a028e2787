namespace ShampooActors.Math.Optim;

/// <summary>Where one block sits in its parameter's merged shape: its start and its extent in every dim.</summary>
/// <param name="Offset">The block's first index in each merged dim.</param>
/// <param name="Extent">The block's size in each merged dim.</param>
public sealed record BlockGeometry(int[] Offset, int[] Extent)
{
    /// <summary>The number of elements in the block.</summary>
    public int Length => Extent.Aggregate(1, (a, b) => a * b);
}
