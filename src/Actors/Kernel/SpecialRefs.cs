namespace ShampooActors.Actors.Kernel;

/// <summary>Dead letters: what is told to it is published as <see cref="DeadLetter"/> on the event stream.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public ActorSystem System { get; } = system;

    public bool IsTerminated => false;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.EventStream.Publish(message as DeadLetter ?? new DeadLetter(message, sender ?? this, this));
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, ExistenceConfirmed: false));
    }

    public override string ToString() => $"[{Path}]";
}

/// <summary>A ref that runs a function on the teller's thread: the kernel's own event listeners.</summary>
internal sealed class FunctionRef(ActorSystem system, ActorPath path, Action<object, IActorRef?> onMessage) : IInternalActorRef
{
    private volatile bool _stopped;

    public ActorPath Path { get; } = path;

    public ActorSystem System { get; } = system;

    public bool IsTerminated => _stopped;

    public void Tell(object message, IActorRef? sender)
    {
        if (!_stopped)
            onMessage(message, sender);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Terminate)
            _stopped = true;
    }

    public override string ToString() => $"[{Path}]";
}

/// <summary>
/// The parent of the user guardian: it stops the guardian when a failure escalates that far, and completes the system's
/// termination when the guardian has terminated.
/// </summary>
internal sealed class RootGuardianRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public ActorSystem System { get; } = system;

    public bool IsTerminated => System.WhenTerminated.IsCompleted;

    public void Tell(object message, IActorRef? sender) => System.DeadLetters.Tell(message, sender);

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                System.Log.Error(failed.Cause, Path.ToString(), $"the user guardian failed ({failed.Cause.Message}); the system stops");
                failed.Child.SendSystemMessage(Terminate.Instance);
                break;
            case DeathWatchNotification:
                System.GuardianTerminated();
                break;
        }
    }

    public override string ToString() => $"[{Path}]";
}

/// <summary>The user guardian: the parent of every actor made by <see cref="ActorSystem.ActorOf"/>.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => false;

    protected override void PreRestart(Exception reason, object? message)
    {
        // Top-level actors survive a restart of the guardian.
    }
}
