namespace ShampooActors.Actors.Kernel;

/// <summary>
/// How a parent handles its children's failures: a decider maps the exception to a <see cref="Directive"/>, and restarts
/// are limited to <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/> (a denied restart stops the child).
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>A strategy deciding with <paramref name="decider"/>.</summary>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restarts allowed within the window; negative: unlimited (one per window when there is a window, as in Akka); 0: none.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window restarts are counted in; <see cref="Timeout.InfiniteTimeSpan"/> or not positive: the child's whole life.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Maps a failure to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are published on the event stream as errors (resumed ones as warnings).</summary>
    public bool LoggingEnabled { get; }

    /// <summary>
    /// Akka's default decider: stop on <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/> and
    /// <see cref="DeathPactException"/>; restart on anything else.
    /// </summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, unlimited restarts, the default decider: what every actor uses unless it says otherwise.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>One-for-one that stops any failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    internal Directive Decide(Exception cause) => Decider(cause);

    internal abstract void ProcessRestart(ActorCell parent, ChildRestartStats failed, Exception cause, ChildRestartStats[] children);

    internal abstract void ProcessStop(ActorCell parent, ChildRestartStats failed, ChildRestartStats[] children);

    internal void LogFailure(ActorSystem system, IActorRef child, Exception cause, Directive directive)
    {
        if (!LoggingEnabled)
            return;
        var text = $"{child.Path} failed ({cause.GetType().Name}: {cause.Message}); {directive.ToString().ToLowerInvariant()}";
        if (directive == Directive.Resume)
            system.Log.Warning(child.Path.ToString(), text);
        else
            system.Log.Error(cause, child.Path.ToString(), text);
    }

    private protected bool Permits(ChildRestartStats stats, ActorCell parent) =>
        stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, parent.System.Scheduler.Clock);
}

/// <summary>Applies the directive to the failing child alone.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>At most <paramref name="maxNrOfRetries"/> restarts within <paramref name="withinTimeRange"/>, deciding with <paramref name="decider"/>.</summary>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    /// <summary>Unlimited restarts, deciding with <paramref name="decider"/>.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override void ProcessRestart(ActorCell parent, ChildRestartStats failed, Exception cause, ChildRestartStats[] children)
    {
        if (Permits(failed, parent))
            parent.RestartChild(failed.Child, cause, suspendFirst: false);
        else
            parent.Stop(failed.Child);
    }

    internal override void ProcessStop(ActorCell parent, ChildRestartStats failed, ChildRestartStats[] children) =>
        parent.Stop(failed.Child);
}

/// <summary>Applies the directive to all children when one fails (a resume only to the failing one).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>At most <paramref name="maxNrOfRetries"/> restarts within <paramref name="withinTimeRange"/>, deciding with <paramref name="decider"/>.</summary>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    /// <summary>Unlimited restarts, deciding with <paramref name="decider"/>.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider) : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override void ProcessRestart(ActorCell parent, ChildRestartStats failed, Exception cause, ChildRestartStats[] children)
    {
        if (children.All(c => Permits(c, parent)))
        {
            foreach (var c in children)
                parent.RestartChild(c.Child, cause, suspendFirst: !ReferenceEquals(c, failed));
        }
        else
        {
            foreach (var c in children)
                parent.Stop(c.Child);
        }
    }

    internal override void ProcessStop(ActorCell parent, ChildRestartStats failed, ChildRestartStats[] children)
    {
        foreach (var c in children)
            parent.Stop(c.Child);
    }
}
