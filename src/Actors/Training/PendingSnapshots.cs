using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Training;

/// <summary>
/// The snapshots waiting for a worker, at most one per block (a newer one replaces the one queued), and the order in which
/// they are taken: <see cref="RootPriority.ChangedMost"/> ranks by how much the block's statistics changed since the snapshot
/// of its last root, then by the age of that root; <see cref="RootPriority.Fifo"/> by when the block started waiting.
/// </summary>
public sealed class PendingSnapshots(RootPriority priority)
{
    private readonly Dictionary<int, Entry> _entries = [];
    private readonly Dictionary<int, StatisticsSnapshot> _lastRooted = [];
    private long _arrivals;

    /// <summary>Blocks waiting.</summary>
    public int Count => _entries.Count;

    /// <summary>Queues <paramref name="snapshot"/>; returns whether it replaced an older queued one of its block (which keeps its place in line).</summary>
    public bool Offer(StatisticsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_entries.TryGetValue(snapshot.BlockId, out var queued))
        {
            if (queued.Snapshot.Version >= snapshot.Version)
                return true;
            _entries[snapshot.BlockId] = new Entry(snapshot, queued.Arrival, queued.NotBefore);
            return true;
        }
        _entries[snapshot.BlockId] = new Entry(snapshot, _arrivals++, DateTimeOffset.MinValue);
        return false;
    }

    /// <summary>Puts back a snapshot whose computation failed, unless a newer one of its block is queued; not to be taken before <paramref name="notBefore"/>.</summary>
    public void Retry(StatisticsSnapshot snapshot, DateTimeOffset notBefore)
    {
        if (_entries.TryGetValue(snapshot.BlockId, out var queued))
        {
            _entries[snapshot.BlockId] = queued with { NotBefore = notBefore };
            return;
        }
        _entries[snapshot.BlockId] = new Entry(snapshot, _arrivals++, notBefore);
    }

    /// <summary>Records that <paramref name="snapshot"/>'s roots were published: later changes of its block are measured against it.</summary>
    public void Rooted(StatisticsSnapshot snapshot)
    {
        if (!_lastRooted.TryGetValue(snapshot.BlockId, out var last) || last.Version < snapshot.Version)
            _lastRooted[snapshot.BlockId] = snapshot;
    }

    /// <summary>The earliest time a queued block held back by a retry delay becomes eligible, or null when none is held back.</summary>
    public DateTimeOffset? NextEligible(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var entry in _entries.Values)
        {
            if (entry.NotBefore > now && (next is null || entry.NotBefore < next))
                next = entry.NotBefore;
        }
        return next;
    }

    /// <summary>Takes the first snapshot in priority order among blocks eligible at <paramref name="now"/> and not in <paramref name="busy"/>; null when none is.</summary>
    public StatisticsSnapshot? Take(DateTimeOffset now, IReadOnlySet<int> busy)
    {
        Entry? best = null;
        var bestChange = 0.0;
        foreach (var entry in _entries.Values)
        {
            if (entry.NotBefore > now || busy.Contains(entry.Snapshot.BlockId))
                continue;
            var change = priority == RootPriority.ChangedMost ? CachedChange(entry) : 0;
            if (best is null || Before(entry, change, best, bestChange))
            {
                best = entry;
                bestChange = change;
            }
        }
        if (best is null)
            return null;
        _entries.Remove(best.Snapshot.BlockId);
        return best.Snapshot;
    }

    /// <summary>The relative Frobenius change of <paramref name="snapshot"/> since the snapshot of its block's last root (∞ when none).</summary>
    public double Change(StatisticsSnapshot snapshot) => snapshot.RelativeChange(_lastRooted.GetValueOrDefault(snapshot.BlockId));

    /// <summary>The entry's change, computed once per snapshot and last-rooted version rather than on every dispatch.</summary>
    private double CachedChange(Entry entry)
    {
        var rooted = _lastRooted.GetValueOrDefault(entry.Snapshot.BlockId);
        var against = rooted?.Version ?? 0;
        if (entry.MeasuredAgainst != against)
        {
            entry.Change = entry.Snapshot.RelativeChange(rooted);
            entry.MeasuredAgainst = against;
        }
        return entry.Change;
    }

    private bool Before(Entry a, double changeA, Entry b, double changeB)
    {
        if (priority == RootPriority.ChangedMost)
        {
            if (changeA != changeB)
                return changeA > changeB;
            var rootedA = _lastRooted.TryGetValue(a.Snapshot.BlockId, out var la) ? la.Version : 0;
            var rootedB = _lastRooted.TryGetValue(b.Snapshot.BlockId, out var lb) ? lb.Version : 0;
            if (rootedA != rootedB)
                return rootedA < rootedB;
        }
        return a.Arrival < b.Arrival;
    }

    private sealed record Entry(StatisticsSnapshot Snapshot, long Arrival, DateTimeOffset NotBefore)
    {
        /// <summary>The relative change cached by <see cref="CachedChange"/>, valid while <see cref="MeasuredAgainst"/> is the last-rooted version.</summary>
        public double Change { get; set; }

        /// <summary>The last-rooted version the cached change was measured against; −1 before any.</summary>
        public long MeasuredAgainst { get; set; } = -1;
    }
}
