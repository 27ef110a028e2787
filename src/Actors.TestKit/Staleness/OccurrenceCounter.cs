namespace ShampooActors.Testing;

/// <summary>Counts occurrences overall and per block, from 1, as a fault plan's <see cref="Occurrence"/> numbers them. Not thread-safe.</summary>
internal sealed class OccurrenceCounter
{
    private readonly Dictionary<int, long> _perBlock = [];
    private long _overall;

    /// <summary>Counts one more of <paramref name="block"/>; returns its number overall and within the block.</summary>
    public (long Overall, long OfBlock) Next(int block)
    {
        var ofBlock = _perBlock[block] = _perBlock.GetValueOrDefault(block) + 1;
        return (++_overall, ofBlock);
    }
}
