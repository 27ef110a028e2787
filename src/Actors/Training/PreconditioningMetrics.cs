using ShampooActors.Math.Training;

namespace ShampooActors.Actors.Training;

/// <summary>
/// Counters of the preconditioner side, shared by its actors and read by whoever reports on the run: queue depth, root
/// compute times, what was published, ignored, rejected or failed, and the newest version per block. Thread-safe.
/// </summary>
public sealed class PreconditioningMetrics
{
    private readonly Lock _lock = new();
    private readonly List<double> _intervalMilliseconds = [];
    private readonly Samples _allMilliseconds = new();
    private readonly Dictionary<int, long> _versions = [];
    private int _queueDepth;
    private int _intervalMaxQueueDepth;
    private long _published;
    private long _ignored;
    private long _rejected;
    private long _failed;
    private long _replaced;

    /// <summary>Records the number of blocks waiting for a worker.</summary>
    public void QueueDepth(int depth)
    {
        lock (_lock)
        {
            _queueDepth = depth;
            _intervalMaxQueueDepth = System.Math.Max(_intervalMaxQueueDepth, depth);
        }
    }

    /// <summary>Counts a snapshot that replaced a queued older one of its block.</summary>
    public void Replaced()
    {
        lock (_lock)
            _replaced++;
    }

    /// <summary>Records how a computation ended and how long it took.</summary>
    public void Computed(ComputationOutcome outcome, double milliseconds)
    {
        lock (_lock)
        {
            _intervalMilliseconds.Add(milliseconds);
            _allMilliseconds.Add(milliseconds);
            if (outcome == ComputationOutcome.Rejected)
                _rejected++;
            else if (outcome == ComputationOutcome.Failed)
                _failed++;
        }
    }

    /// <summary>Records a version the registry accepted.</summary>
    public void Published(int block, long version)
    {
        lock (_lock)
        {
            _published++;
            _versions[block] = version;
        }
    }

    /// <summary>Counts a publication the registry ignored as no newer than the version it holds.</summary>
    public void PublicationIgnored()
    {
        lock (_lock)
            _ignored++;
    }

    /// <summary>The figures since the last call (queue depth, compute times) and starts a new interval.</summary>
    public PreconditioningInterval TakeInterval()
    {
        lock (_lock)
        {
            var interval = new PreconditioningInterval(_intervalMaxQueueDepth, _intervalMilliseconds.Count, Samples.Of(_intervalMilliseconds).Median);
            _intervalMaxQueueDepth = _queueDepth;
            _intervalMilliseconds.Clear();
            return interval;
        }
    }

    /// <summary>The figures of the whole run so far.</summary>
    public PreconditioningTotals Totals()
    {
        lock (_lock)
        {
            return new PreconditioningTotals(_allMilliseconds.Count, _published, _ignored, _rejected, _failed, _replaced,
                _allMilliseconds.Median, _allMilliseconds.P10, new SortedDictionary<int, long>(_versions));
        }
    }
}

/// <summary>The preconditioner side over one log interval.</summary>
/// <param name="MaxQueueDepth">The most blocks waiting for a worker at once.</param>
/// <param name="Computations">Root computations that ended.</param>
/// <param name="MedianComputeMilliseconds">Their median time (NaN when none).</param>
public sealed record PreconditioningInterval(int MaxQueueDepth, int Computations, double MedianComputeMilliseconds);

/// <summary>The preconditioner side over a whole run.</summary>
/// <param name="Computations">Root computations that ended, whatever the outcome.</param>
/// <param name="Published">Versions the registry accepted.</param>
/// <param name="Ignored">Publications no newer than the version held.</param>
/// <param name="Rejected">Computations whose roots failed validation.</param>
/// <param name="Failed">Computations that threw.</param>
/// <param name="Replaced">Snapshots that replaced a queued older one (conflation).</param>
/// <param name="MedianComputeMilliseconds">Median time of a block's computation.</param>
/// <param name="P10ComputeMilliseconds">Its 10th percentile.</param>
/// <param name="Versions">The newest published version per block.</param>
public sealed record PreconditioningTotals(long Computations, long Published, long Ignored, long Rejected, long Failed, long Replaced,
    double MedianComputeMilliseconds, double P10ComputeMilliseconds, IReadOnlyDictionary<int, long> Versions);
