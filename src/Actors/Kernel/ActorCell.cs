namespace ShampooActors.Actors.Kernel;

/// <summary>
/// The runtime of one actor: its mailbox, its current instance and message, its children, watches, stash and timers.
/// Everything here runs on the actor's own turn (one thread at a time) except what is marked otherwise.
/// Split by concern: lifecycle, children, death watch, supervision, async handlers.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;

    private ActorBase? _actor;
    private Envelope _current;
    private bool _terminating;
    private bool _terminated;
    private long _currentDelivery;
    private ActorStash? _stash;
    private TimerScheduler? _timers;

    public ActorCell(ActorSystem system, ActorPath path, Props props, IInternalActorRef parent, MessageDispatcher dispatcher)
    {
        System = system;
        Props = props;
        Parent = parent;
        Dispatcher = dispatcher;
        Mailbox = new Mailbox();
        Mailbox.Attach(this, dispatcher);
        Self = new LocalActorRef(this, path);
    }

    /// <summary>The cell whose turn runs on this thread (null outside actors).</summary>
    public static ActorCell? Current => t_current;

    public ActorSystem System { get; }

    public Props Props { get; }

    public IInternalActorRef Parent { get; }

    IActorRef IActorContext.Parent => Parent;

    public MessageDispatcher Dispatcher { get; }

    public Mailbox Mailbox { get; }

    public LocalActorRef Self { get; }

    IActorRef IActorContext.Self => Self;

    /// <summary>The sender of the message being processed; dead letters when it had none.</summary>
    public IActorRef Sender => _current.Sender ?? System.DeadLetters;

    /// <summary>The message being processed (default outside a message).</summary>
    public Envelope CurrentEnvelope => _current;

    /// <summary>Counts deliveries of user messages: tells two deliveries of the same message instance apart.</summary>
    public long CurrentDelivery => _currentDelivery;

    private ActorStash Stash => _stash ??= new ActorStash(this);

    private TimerScheduler Timers => _timers ??= new TimerScheduler(this);

    /// <summary>True once the actor has stopped for good.</summary>
    public bool IsTerminated => _terminated;

    /// <summary>Queues the first system message; the actor is created on its own turn.</summary>
    public void Start() => Mailbox.PostSystem(Create.Instance);

    /// <summary>Processes one user message (the mailbox's turn).</summary>
    public void Invoke(Envelope envelope)
    {
        var previous = t_current;
        t_current = this;
        _current = envelope;
        _currentDelivery++;
        try
        {
            var message = Unwrap(envelope.Message);
            if (message is not null)
            {
                if (!ReferenceEquals(message, envelope.Message))
                    _current = envelope with { Message = message }; // PreRestart and the stash see what the actor received
                Receive(message);
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            if (!Mailbox.IsBlockedByAsync)
                _current = default;
            t_current = previous;
        }
    }

    private void Receive(object message)
    {
        switch (message)
        {
            case PoisonPill:
                Stop(Self);
                break;
            case Kill:
                throw new ActorKilledException($"{Self.Path} was killed");
            default:
                _actor!.AroundReceive(message);
                break;
        }
    }

    /// <summary>The message the actor should see, or null when the kernel consumes it (a stale timer or termination).</summary>
    private object? Unwrap(object message) => message switch
    {
        TimerScheduler.TimerMessage timer => _timers?.Accept(timer),
        WatchedTermination termination => AcceptTermination(termination),
        _ => message,
    };

    /// <summary>Processes one system message (the mailbox's turn); failures in it are handled like a message's.</summary>
    public void SystemInvoke(SystemMessage message)
    {
        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case Create:
                    HandleCreate();
                    break;
                case Recreate recreate:
                    HandleRecreate(recreate.Cause);
                    break;
                case Suspend:
                    HandleSuspend();
                    break;
                case Resume resume:
                    HandleResume(resume.CausedByFailure);
                    break;
                case Terminate:
                    HandleTerminate();
                    break;
                case Watch watch:
                    HandleWatch(watch);
                    break;
                case Unwatch unwatch:
                    HandleUnwatch(unwatch);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification);
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
                case AsyncContinuation continuation:
                    RunContinuation(continuation);
                    break;
                case AsyncHandlerCompleted completed:
                    HandleAsyncCompleted(completed);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            t_current = previous;
        }
    }

    /// <summary>Stops <paramref name="actor"/>: a child, itself, or any other actor.</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is not IInternalActorRef target)
            return;
        if (IsChild(target))
            MarkStopping(target);
        target.SendSystemMessage(Terminate.Instance);
    }

    public override string ToString() => $"ActorCell({Self.Path})";
}
