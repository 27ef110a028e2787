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
    private readonly long[] _intervalBlockMax = new long[shampoo.Blocks.Count];
    private long _intervalMax;

    /// <summary>The largest staleness of any block after the last step.</summary>
    public long CurrentMax { get; private set; }

    /// <summary>Reads every block's staleness after a step.</summary>
    public void Observe()
    {
        long current = 0;
        for (var b = 0; b < _max.Length; b++)
        {
            var staleness = shampoo.Staleness(b);
            _max[b] = System.Math.Max(_max[b], staleness);
            _intervalBlockMax[b] = System.Math.Max(_intervalBlockMax[b], staleness);
            current = System.Math.Max(current, staleness);
        }
        CurrentMax = current;
        _intervalMax = System.Math.Max(_intervalMax, current);
    }

    /// <summary>Every block's largest staleness since the last call, and starts a new interval.</summary>
    public long[] TakeIntervalBlockMax()
    {
        var max = (long[])_intervalBlockMax.Clone();
        Array.Clear(_intervalBlockMax);
        return max;
    }

    /// <summary>The version of the roots every block uses now (0 = the identity).</summary>
    public long[] Versions() => shampoo.Blocks.Select(b => shampoo.RootVersion(b.Id)).ToArray();

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
