using ShampooActors.Math.Optim;

namespace ShampooActors.Host;

/// <summary>
/// Watches a <see cref="Shampoo"/> optimizer during a run: after every step it reads each block's staleness (O(blocks),
/// a few array reads each) and keeps the largest per block and per log interval; at the end it turns the optimizer's
/// <see cref="RootStatistics"/> and those maxima into the summary's <c>roots</c> object.
/// </summary>
internal sealed class RootsMonitor(Shampoo shampoo)
{
    private readonly long[] _max = new long[shampoo.Blocks.Count];
    private long _intervalMax;

    /// <summary>Reads every block's staleness after a step.</summary>
    public void Observe()
    {
        for (var b = 0; b < _max.Length; b++)
        {
            var staleness = shampoo.Staleness(b);
            if (staleness > _max[b])
                _max[b] = staleness;
            if (staleness > _intervalMax)
                _intervalMax = staleness;
        }
    }

    /// <summary>The largest staleness of any block at any step since the last call, and starts a new interval.</summary>
    public long TakeIntervalMax()
    {
        var max = _intervalMax;
        _intervalMax = 0;
        return max;
    }

    /// <summary>What happened to the roots over the run, with every block's final and largest staleness.</summary>
    public RootsSummary Summarize()
    {
        var s = shampoo.RootStatistics;
        var blocks = shampoo.Blocks.Select(b => new BlockStaleness(b.Id, b.ParameterIndex, b.FactorSizes, shampoo.Staleness(b.Id),
            System.Math.Max(_max[b.Id], shampoo.Staleness(b.Id)))).ToArray();
        return new RootsSummary(s.Computed, s.Failures, s.Adopted, s.NotAdopted, s.SkippedStatisticsUpdates, s.MaxResidual,
            s.MedianMillisecondsBySize(), blocks);
    }
}
