using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Cluster.Trainer;

/// <summary>
/// A trainer's account of its snapshots on the cluster: per block the newest snapshot not yet answered and since when the
/// block has waited, and the send time of every version not yet adopted (for the round trip).
/// </summary>
internal sealed class OutstandingSnapshots
{
    private readonly Dictionary<int, Waiting> _waiting = [];
    private readonly Dictionary<int, List<(long Version, DateTimeOffset SentAt)>> _sent = [];
    private readonly Dictionary<int, long> _newestSent = [];

    /// <summary>Blocks with a snapshot not yet answered.</summary>
    public int Count => _waiting.Count;

    /// <summary>The newest unanswered snapshot of every waiting block.</summary>
    public IEnumerable<StatisticsSnapshot> Newest => _waiting.Values.Select(w => w.Snapshot);

    /// <summary>Since when the longest-waiting block has waited, or null when none waits.</summary>
    public DateTimeOffset? OldestWait => _waiting.Count == 0 ? null : _waiting.Values.Min(w => w.Since);

    /// <summary>The newest snapshot of every block that has waited since <paramref name="before"/> or longer.</summary>
    public IEnumerable<StatisticsSnapshot> WaitingSince(DateTimeOffset before) =>
        _waiting.Values.Where(w => w.Since <= before).Select(w => w.Snapshot);

    /// <summary>Records a snapshot the trainer has to get roots for; a block already waiting keeps its waiting time.</summary>
    public void Offer(StatisticsSnapshot snapshot, DateTimeOffset now)
    {
        var since = _waiting.TryGetValue(snapshot.BlockId, out var waiting) ? waiting.Since : now;
        _waiting[snapshot.BlockId] = new Waiting(snapshot, since);
    }

    /// <summary>Records that a version went to the broker at <paramref name="now"/>.</summary>
    public void Sent(int block, long version, DateTimeOffset now)
    {
        if (!_sent.TryGetValue(block, out var versions))
            _sent[block] = versions = [];
        versions.Add((version, now));
        _newestSent[block] = System.Math.Max(_newestSent.GetValueOrDefault(block, -1), version);
    }

    /// <summary>The newest version of <paramref name="block"/> sent to the broker, or −1.</summary>
    public long NewestSent(int block) => _newestSent.GetValueOrDefault(block, -1);

    /// <summary>Records roots of <paramref name="version"/>: the block no longer waits unless a newer snapshot of it is pending.</summary>
    public void Answered(int block, long version)
    {
        if (_waiting.TryGetValue(block, out var waiting) && waiting.Snapshot.Version <= version)
            _waiting.Remove(block);
    }

    /// <summary>The round trip of an adopted version (null when it was not sent from here), forgetting it and older versions.</summary>
    public TimeSpan? Adopted(int block, long version, DateTimeOffset now)
    {
        if (!_sent.TryGetValue(block, out var versions))
            return null;
        TimeSpan? roundTrip = null;
        foreach (var (sentVersion, sentAt) in versions)
            if (sentVersion == version)
                roundTrip = now - sentAt;
        versions.RemoveAll(v => v.Version <= version);
        return roundTrip;
    }

    private sealed record Waiting(StatisticsSnapshot Snapshot, DateTimeOffset Since);
}
