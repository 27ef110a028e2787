namespace ShampooActors.Actors.Kernel;

/// <summary>
/// An actor's two queues and its scheduling flag; it is itself the dispatcher's work item. A turn handles every system
/// message first (and between user messages), then up to the dispatcher's throughput of user messages, unless user
/// processing is suspended (after a failure, or while an async handler runs). An idle/scheduled flag set by CAS makes
/// sure one thread at a time runs the actor.
/// </summary>
internal sealed class Mailbox : IRunnable, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly MpscQueue<Envelope> _user = new();
    private readonly MpscQueue<SystemMessage> _system = new();
    private Queue<Envelope>? _front; // unstashed messages, ahead of the user queue; touched by the running turn only
    private int _status;
    private int _suspendCount; // changed by the running turn only
    private volatile bool _closed;
    private ActorCell _cell = null!;
    private MessageDispatcher _dispatcher = null!;

    public void Attach(ActorCell cell, MessageDispatcher dispatcher)
    {
        _cell = cell;
        _dispatcher = dispatcher;
    }

    /// <summary>The path of the actor this mailbox belongs to.</summary>
    public ActorPath Owner => _cell.Self.Path;

    /// <summary>True once the actor has terminated: user messages go to dead letters.</summary>
    public bool IsClosed => _closed;

    public bool IsSuspended => _suspendCount > 0 || IsBlockedByAsync;

    /// <summary>True while an async handler is pending: user messages wait (the running turn only).</summary>
    public bool IsBlockedByAsync { get; set; }

    public void Post(in Envelope envelope)
    {
        if (_closed)
        {
            _cell.System.DeadLetterOf(envelope, _cell.Self);
            return;
        }
        _user.Enqueue(envelope);
        TrySchedule();
    }

    public void PostSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        TrySchedule();
    }

    /// <summary>Puts messages back in front of the user queue, in order (the running turn only).</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0)
            return;
        var front = new Queue<Envelope>(envelopes.Count + (_front?.Count ?? 0));
        foreach (var e in envelopes)
            front.Enqueue(e);
        if (_front is not null)
            while (_front.TryDequeue(out var e))
                front.Enqueue(e);
        _front = front;
    }

    public void SuspendUser() => _suspendCount++;

    public void ResumeUser()
    {
        if (_suspendCount > 0)
            _suspendCount--;
    }

    /// <summary>Closes the mailbox for good and hands every queued user message to dead letters (the running turn only).</summary>
    public void Close()
    {
        _closed = true;
        while (TryDequeueUser(out var envelope))
            _cell.System.DeadLetterOf(envelope, _cell.Self);
    }

    void IThreadPoolWorkItem.Execute() => Run();

    public void Run()
    {
        var cell = _cell;
        var budget = _dispatcher.Throughput;
        try
        {
            while (true)
            {
                if (_system.TryDequeue(out var systemMessage))
                {
                    cell.SystemInvoke(systemMessage);
                    continue;
                }
                if (_closed)
                {
                    // A message posted while the mailbox closed went in after the drain: it is a dead letter too.
                    Close();
                    break;
                }
                if (IsSuspended || budget-- == 0 || !TryDequeueUser(out var envelope))
                    break;
                cell.Invoke(envelope);
            }
        }
        finally
        {
            Interlocked.Exchange(ref _status, Idle);
            if (HasWork())
                TrySchedule();
        }
    }

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (_front is not null && _front.TryDequeue(out envelope))
            return true;
        return _user.TryDequeue(out envelope);
    }

    private bool HasWork() =>
        !_system.IsEmpty || (_closed ? !_user.IsEmpty : !IsSuspended && (!_user.IsEmpty || _front is { Count: > 0 }));

    private void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
            _dispatcher.Execute(this);
    }
}
