using ShampooActors.Math.Linalg;
using ShampooActors.Math.Training;

namespace ShampooActors.Math.Optim;

/// <summary>A running account of the roots a <see cref="Shampoo"/> optimizer computed or was offered, and what it did with them.</summary>
public sealed class RootStatistics
{
    private readonly SortedDictionary<int, Samples> _milliseconds = [];

    /// <summary>Factor roots computed (accepted or not).</summary>
    public long Computed { get; private set; }

    /// <summary>Factor roots rejected: non-finite statistic, non-finite root, or residual over the bound.</summary>
    public long Failures { get; private set; }

    /// <summary>The largest residual among accepted roots (0 before any).</summary>
    public double MaxResidual { get; private set; }

    /// <summary>Block roots adopted (their version was newer than the one in use).</summary>
    public long Adopted { get; private set; }

    /// <summary>Block roots offered but not adopted because their version was not newer, or because a factor was rejected.</summary>
    public long NotAdopted { get; private set; }

    /// <summary>Steps whose statistics update was skipped because the gradient held NaN or an infinity.</summary>
    public long SkippedStatisticsUpdates { get; internal set; }

    /// <summary>The median milliseconds of one factor root, by factor size.</summary>
    public IReadOnlyDictionary<int, double> MedianMillisecondsBySize() => _milliseconds.ToDictionary(kv => kv.Key, kv => kv.Value.Median);

    internal void Record(int size, RootDiagnostics diagnostics, bool accepted)
    {
        Computed++;
        if (!accepted)
        {
            Failures++;
            return;
        }
        if (!_milliseconds.TryGetValue(size, out var samples))
            _milliseconds[size] = samples = new Samples();
        samples.Add(diagnostics.Milliseconds);
        MaxResidual = System.Math.Max(MaxResidual, diagnostics.Residual);
    }

    internal void RecordOffer(bool adopted)
    {
        if (adopted)
            Adopted++;
        else
            NotAdopted++;
    }
}
