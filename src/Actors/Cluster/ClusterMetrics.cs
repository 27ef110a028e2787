using ShampooActors.Math.Training;

namespace ShampooActors.Actors.Cluster;

/// <summary>
/// What a trainer knows of the cluster, shared by its cluster actor and read by whoever reports on the run: the hosts alive,
/// the roots each host computed, the snapshots in flight, the round trip per block (snapshot sent → root adopted), dead
/// letters by reason, and the local fallback. Thread-safe.
/// </summary>
public sealed class ClusterMetrics
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, HostFigures> _hosts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, Samples> _roundTrips = [];
    private readonly List<double> _intervalRoundTrips = [];
    private readonly SortedDictionary<string, long> _deadLetters = new(StringComparer.Ordinal);
    private int _inFlight;
    private long _invalid;
    private long _fenced;
    private long _fallbacks;
    private long _sent;
    private bool _local;

    /// <summary>Records a host's availability as the failure detector sees it.</summary>
    public void HostAvailable(string host, bool alive)
    {
        lock (_lock)
            Host(host).Alive = alive;
    }

    /// <summary>Counts roots a host computed that the trainer accepted.</summary>
    public void RootsFrom(string host)
    {
        lock (_lock)
            Host(host).Computed++;
    }

    /// <summary>Counts a snapshot sent to the broker.</summary>
    public void Sent()
    {
        lock (_lock)
            _sent++;
    }

    /// <summary>Records how many blocks have a sent snapshot without an answer.</summary>
    public void InFlight(int blocks)
    {
        lock (_lock)
            _inFlight = blocks;
    }

    /// <summary>Records one block's round trip: its snapshot sent to the broker → its root adopted by the trainer.</summary>
    public void RoundTrip(int block, double milliseconds)
    {
        lock (_lock)
        {
            if (!_roundTrips.TryGetValue(block, out var samples))
                _roundTrips[block] = samples = new Samples();
            samples.Add(milliseconds);
            _intervalRoundTrips.Add(milliseconds);
        }
    }

    /// <summary>Counts a dead letter by the broker's reason.</summary>
    public void DeadLettered(string reason)
    {
        lock (_lock)
            _deadLetters[reason] = _deadLetters.GetValueOrDefault(reason) + 1;
    }

    /// <summary>Counts a received message the trainer rejected as invalid.</summary>
    public void Invalid()
    {
        lock (_lock)
            _invalid++;
    }

    /// <summary>Counts roots of another epoch that were ignored.</summary>
    public void Fenced()
    {
        lock (_lock)
            _fenced++;
    }

    /// <summary>Records whether the trainer computes roots itself (counting each start of a fallback).</summary>
    public void Local(bool local)
    {
        lock (_lock)
        {
            if (local && !_local)
                _fallbacks++;
            _local = local;
        }
    }

    /// <summary>Hosts the failure detector counts as alive now.</summary>
    public int HostsAlive
    {
        get
        {
            lock (_lock)
                return _hosts.Count(h => h.Value.Alive);
        }
    }

    /// <summary>The figures of now, with the round trips since the last call (and starts a new interval).</summary>
    public ClusterInterval TakeInterval()
    {
        lock (_lock)
        {
            var interval = new ClusterInterval(_hosts.Count(h => h.Value.Alive), _inFlight,
                _intervalRoundTrips.Count > 0 ? Samples.Of(_intervalRoundTrips).Median : null, _local);
            _intervalRoundTrips.Clear();
            return interval;
        }
    }

    /// <summary>The figures of the whole run.</summary>
    public ClusterTotals Totals()
    {
        lock (_lock)
        {
            return new ClusterTotals(
                _hosts.Select(h => new HostTotals(h.Key, h.Value.Alive, h.Value.Computed)).ToArray(),
                _roundTrips.Select(b => new BlockRoundTrip(b.Key, b.Value.Count, b.Value.P10, b.Value.Median, b.Value.Percentile(0.9))).ToArray(),
                _sent, _invalid, _fenced, new Dictionary<string, long>(_deadLetters), _fallbacks, _local);
        }
    }

    private HostFigures Host(string host)
    {
        if (!_hosts.TryGetValue(host, out var figures))
            _hosts[host] = figures = new HostFigures();
        return figures;
    }

    private sealed class HostFigures
    {
        public bool Alive { get; set; }

        public long Computed { get; set; }
    }
}

/// <summary>The cluster's figures for one log interval.</summary>
/// <param name="HostsAlive">Hosts the failure detector counts as alive.</param>
/// <param name="InFlight">Blocks with a sent snapshot not yet answered.</param>
/// <param name="MedianRoundTripMilliseconds">The interval's median round trip, or null without one.</param>
/// <param name="Local">Whether the trainer computes roots itself.</param>
public sealed record ClusterInterval(int HostsAlive, int InFlight, double? MedianRoundTripMilliseconds, bool Local);

/// <summary>One host over the run.</summary>
/// <param name="Host">Its name.</param>
/// <param name="Alive">Whether it was alive at the end.</param>
/// <param name="Computed">Roots from it the trainer accepted.</param>
public sealed record HostTotals(string Host, bool Alive, long Computed);

/// <summary>One block's round trips over the run (snapshot sent → root adopted), in milliseconds.</summary>
public sealed record BlockRoundTrip(int Block, int Count, double P10, double Median, double P90);

/// <summary>The cluster over the whole run.</summary>
/// <param name="Hosts">Every host seen.</param>
/// <param name="RoundTrips">Per block.</param>
/// <param name="Sent">Snapshots sent to the broker.</param>
/// <param name="Invalid">Received messages rejected as invalid.</param>
/// <param name="Fenced">Roots of other epochs ignored.</param>
/// <param name="DeadLetters">Dead letters by the broker's reason.</param>
/// <param name="Fallbacks">How many times the trainer fell back to computing roots itself.</param>
/// <param name="Local">Whether it was computing them itself at the end.</param>
public sealed record ClusterTotals(IReadOnlyList<HostTotals> Hosts, IReadOnlyList<BlockRoundTrip> RoundTrips, long Sent, long Invalid,
    long Fenced, IReadOnlyDictionary<string, long> DeadLetters, long Fallbacks, bool Local);
