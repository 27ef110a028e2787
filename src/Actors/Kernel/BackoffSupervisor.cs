namespace ShampooActors.Actors.Kernel;

/// <summary>When a backoff supervisor starts its child again.</summary>
public enum BackoffMode
{
    /// <summary>After the child fails (where its decider says Restart); a child that stops by itself stops the supervisor.</summary>
    OnFailure,

    /// <summary>After the child stops, for any reason; failures are handled by the decider in place.</summary>
    OnStop,
}

/// <summary>
/// How a <see cref="BackoffSupervisor"/> restarts its child: the n-th restart waits
/// min(<see cref="MaxBackoff"/>, <see cref="MinBackoff"/>·2ⁿ)·(1 + r·<see cref="RandomFactor"/>), r uniform in [0, 1) from
/// <see cref="Random"/>; the count resets once a child has run <see cref="ResetAfter"/> without failing.
/// </summary>
public sealed record BackoffOptions(Props ChildProps, string ChildName, TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor)
{
    /// <summary>What triggers a restart.</summary>
    public BackoffMode Mode { get; init; } = BackoffMode.OnFailure;

    /// <summary>Restarts before the supervisor gives up and stops; negative: unlimited.</summary>
    public int MaxNrOfRetries { get; init; } = -1;

    /// <summary>How long a child must run without failing for the restart count to reset; null: <see cref="MinBackoff"/>.</summary>
    public TimeSpan? ResetAfter { get; init; }

    /// <summary>Maps the child's failures to directives; Restart means "restart after the backoff".</summary>
    public Func<Exception, Directive> Decider { get; init; } = SupervisorStrategy.DefaultDecider;

    /// <summary>The source of the random factor (seed it for reproducible delays).</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>The delay before restart number <paramref name="restartCount"/> (0 for the first), given the random draw <paramref name="r"/>.</summary>
    public TimeSpan DelayFor(int restartCount, double r)
    {
        var exponential = restartCount >= 30 ? MaxBackoff : MinBackoff * System.Math.Pow(2, restartCount);
        var capped = exponential < MaxBackoff ? exponential : MaxBackoff;
        return capped * (1.0 + r * RandomFactor);
    }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(ChildProps);
        ActorPath.ValidateName(ChildName);
        if (MinBackoff <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(MinBackoff), MinBackoff, "the minimum backoff must be positive");
        if (MaxBackoff < MinBackoff)
            throw new ArgumentOutOfRangeException(nameof(MaxBackoff), MaxBackoff, "the maximum backoff must be at least the minimum");
        if (RandomFactor is < 0 or > 1 || double.IsNaN(RandomFactor))
            throw new ArgumentOutOfRangeException(nameof(RandomFactor), RandomFactor, "the random factor must be in [0, 1]");
    }
}

/// <summary>
/// A parent that restarts its one child with exponentially growing delays, so a failing dependency is not hammered.
/// Other messages are forwarded to the child (to dead letters while there is none).
/// </summary>
public sealed class BackoffSupervisor : ReceiveActor, IWithTimers
{
    private readonly BackoffOptions _options;
    private IActorRef? _child;
    private int _restartCount;
    private bool _restartAfterStop;

    private sealed record StartChild;

    private sealed record ResetRestartCount(int Generation);

    /// <summary>Asks for the current child: the reply is <see cref="CurrentChild"/>.</summary>
    public sealed record GetCurrentChild
    {
        /// <summary>The one instance.</summary>
        public static readonly GetCurrentChild Instance = new();
    }

    /// <summary>The current child, or null while it waits to restart.</summary>
    public sealed record CurrentChild(IActorRef? Ref);

    /// <summary>Asks for the number of restarts since the last reset: the reply is <see cref="RestartCount"/>.</summary>
    public sealed record GetRestartCount
    {
        /// <summary>The one instance.</summary>
        public static readonly GetRestartCount Instance = new();
    }

    /// <summary>Restarts since the last reset.</summary>
    public sealed record RestartCount(int Count);

    /// <summary>Props of a backoff supervisor.</summary>
    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Kernel.Props.Create(() => new BackoffSupervisor(options));
    }

    private BackoffSupervisor(BackoffOptions options)
    {
        _options = options;
        Receive<Terminated>(t => ReferenceEquals(t.ActorRef, _child), OnChildTerminated);
        Receive<StartChild>(_ => StartChildNow());
        Receive<ResetRestartCount>(r => r.Generation == _restartCount, _ => _restartCount = 0);
        Receive<ResetRestartCount>(_ => { });
        Receive<GetCurrentChild>(_ => Sender.Tell(new CurrentChild(_child)));
        Receive<GetRestartCount>(_ => Sender.Tell(new RestartCount(_restartCount)));
        ReceiveAny(message => (_child ?? Context.System.DeadLetters).Forward(message));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => StartChildNow();

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(cause =>
    {
        var directive = _options.Decider(cause);
        if (directive != Directive.Restart || _options.Mode == BackoffMode.OnStop)
            return directive;
        _restartAfterStop = true;
        return Directive.Stop;
    });

    private void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Receive(handler, shouldHandle);

    private void StartChildNow()
    {
        _restartAfterStop = false;
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        Timers.StartSingleTimer("reset", new ResetRestartCount(_restartCount), _options.ResetAfter ?? _options.MinBackoff);
    }

    private void OnChildTerminated(Terminated terminated)
    {
        _child = null;
        Timers.Cancel("reset");
        if (_options.Mode == BackoffMode.OnFailure && !_restartAfterStop)
        {
            Context.Stop(Self);
            return;
        }
        if (_options.MaxNrOfRetries >= 0 && _restartCount >= _options.MaxNrOfRetries)
        {
            Context.Stop(Self);
            return;
        }
        var delay = _options.DelayFor(_restartCount, _options.Random.NextDouble());
        _restartCount++;
        Timers.StartSingleTimer("start", new StartChild(), delay);
    }
}
