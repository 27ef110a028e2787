namespace ShampooActors.Actors.Cluster.Membership;

/// <summary>
/// Who is alive, from heartbeats: one phi-accrual failure detector per member incarnation. A member is available from its
/// first heartbeat until its φ passes the threshold, and again from its next heartbeat; a new incarnation (a restart under
/// the same name) starts a fresh detector.
/// </summary>
public sealed class MembershipView(FailureDetectorOptions options)
{
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);

    /// <summary>The members available now, by name.</summary>
    public IEnumerable<string> Alive => _members.Where(m => m.Value.Available).Select(m => m.Key).Order(StringComparer.Ordinal);

    /// <summary>
    /// Records a heartbeat of <paramref name="member"/>; true when it made the member available (new or back). A newer
    /// incarnation replaces the known one (a restart); heartbeats of an older one are ignored (two processes under one
    /// name: the newer counts).
    /// </summary>
    public bool Heartbeat(string member, long incarnation, TimeSpan now)
    {
        var wasAvailable = false;
        if (_members.TryGetValue(member, out var known))
        {
            if (incarnation < known.Incarnation)
                return false;
            wasAvailable = known.Available;
        }
        if (known is null || known.Incarnation != incarnation)
            _members[member] = known = new Member(incarnation, new PhiAccrualFailureDetector(options)) { Available = wasAvailable };
        known.Detector.Heartbeat(now);
        var joined = !known.Available;
        known.Available = true;
        return joined;
    }

    /// <summary>Marks unavailable, and returns with their φ, the available members whose φ passed the threshold at <paramref name="now"/>.</summary>
    public IReadOnlyList<(string Member, double Phi)> Reap(TimeSpan now)
    {
        var lost = new List<(string, double)>();
        foreach (var (name, member) in _members)
        {
            if (!member.Available || member.Detector.IsAvailable(now))
                continue;
            member.Available = false;
            lost.Add((name, member.Detector.Phi(now)));
        }
        return lost;
    }

    /// <summary>Forgets <paramref name="member"/>.</summary>
    public void Remove(string member) => _members.Remove(member);

    private sealed class Member(long incarnation, PhiAccrualFailureDetector detector)
    {
        public long Incarnation { get; } = incarnation;

        public PhiAccrualFailureDetector Detector { get; } = detector;

        public bool Available { get; set; }
    }
}
