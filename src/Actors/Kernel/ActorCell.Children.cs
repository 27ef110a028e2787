namespace ShampooActors.Actors.Kernel;

internal sealed partial class ActorCell
{
    private readonly Lock _childrenLock = new();
    private Dictionary<string, ChildRestartStats>? _children; // a name stays taken until its child has terminated
    private HashSet<IInternalActorRef>? _stopping;
    private long _nameCounter;

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null)
            name = "$" + Base36(Interlocked.Increment(ref _nameCounter));
        else
            ActorPath.ValidateName(name);
        var dispatcher = System.Dispatchers.Lookup(props.Dispatcher);
        lock (_childrenLock)
        {
            if (_terminating)
                throw new InvalidOperationException($"{Self.Path} is stopping and cannot create child '{name}'");
            _children ??= new Dictionary<string, ChildRestartStats>(StringComparer.Ordinal);
            if (_children.ContainsKey(name))
                throw new InvalidActorNameException($"actor name '{name}' is not unique under {Self.Path}");
            var cell = new ActorCell(System, Self.Path.Child(name), props, Self, dispatcher);
            _children.Add(name, new ChildRestartStats(cell.Self));
            cell.Start();
            return cell.Self;
        }
    }

    public IActorRef Child(string name)
    {
        lock (_childrenLock)
            return _children is not null && _children.TryGetValue(name, out var stats) && !IsStopping(stats.Child)
                ? stats.Child
                : ActorRefs.Nobody;
    }

    public IEnumerable<IActorRef> GetChildren() => ChildrenSnapshot().Where(c => !IsStopping(c));

    /// <summary>Every child not yet terminated, stopping ones included (Akka's children).</summary>
    internal IInternalActorRef[] AllChildren() => ChildrenSnapshot();

    private IInternalActorRef[] ChildrenSnapshot()
    {
        lock (_childrenLock)
            return _children is null ? [] : _children.Values.Select(s => s.Child).ToArray();
    }

    private ChildRestartStats[] ChildStatsSnapshot()
    {
        lock (_childrenLock)
            return _children is null ? [] : _children.Values.ToArray();
    }

    private bool HasChildren
    {
        get
        {
            lock (_childrenLock)
                return _children is { Count: > 0 };
        }
    }

    private bool HasStoppingChildren => _stopping is { Count: > 0 };

    private bool IsChild(IInternalActorRef actor) => TryGetChildStats(actor, out _);

    private bool TryGetChildStats(IInternalActorRef actor, out ChildRestartStats stats)
    {
        lock (_childrenLock)
        {
            if (_children is not null && _children.TryGetValue(actor.Path.Name, out stats!) && ReferenceEquals(stats.Child, actor))
                return true;
            stats = null!;
            return false;
        }
    }

    private bool IsStopping(IInternalActorRef child)
    {
        lock (_childrenLock)
            return _stopping?.Contains(child) == true;
    }

    private void MarkStopping(IInternalActorRef child)
    {
        lock (_childrenLock)
            (_stopping ??= new HashSet<IInternalActorRef>(ReferenceEqualityComparer.Instance)).Add(child);
    }

    /// <summary>A child has terminated: free its name, then finish a pending stop or restart of this actor.</summary>
    private void HandleChildTerminated(IInternalActorRef child)
    {
        lock (_childrenLock)
        {
            _children!.Remove(child.Path.Name);
            _stopping?.Remove(child);
        }
        if (_terminating)
        {
            if (!HasChildren)
                FinishTerminate();
        }
        else if (_pendingRecreate is not null && !HasStoppingChildren)
        {
            FinishRecreate();
        }
    }

    private void SuspendChildren(IReadOnlyCollection<IInternalActorRef>? except = null)
    {
        foreach (var child in ChildrenSnapshot())
            if (except?.Contains(child) != true)
                child.SendSystemMessage(Suspend.Instance);
    }

    /// <summary>Resumes the children; <paramref name="perpetrator"/> with the failure it caused, which clears it.</summary>
    private void ResumeChildren(Exception? causedByFailure = null, IInternalActorRef? perpetrator = null)
    {
        foreach (var child in ChildrenSnapshot())
            child.SendSystemMessage(new Resume(ReferenceEquals(child, perpetrator) ? causedByFailure : null));
    }

    private static string Base36(long value)
    {
        const string digits = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = digits[(int)(value % 36)];
            value /= 36;
        } while (value > 0);
        return new string(buffer[i..]);
    }
}
