using System.Text.RegularExpressions;
using ShampooActors.Configuration;

namespace ShampooActors.Actors.Kernel;

/// <summary>
/// A hierarchy of actors with its settings, clock, dispatchers, dead letters, event stream and coordinated shutdown.
/// Actors made by <see cref="ActorOf"/> are children of the user guardian (<c>shampoo://name/user</c>).
/// </summary>
public sealed partial class ActorSystem : IDisposable
{
    private readonly TaskCompletionSource _terminated = new();
    private readonly ActorCell _guardian;
    private long _tempCounter;
    private int _deadLettersLogged;
    private volatile bool _terminating;

    private ActorSystem(string name, ActorSystemSettings settings, ActorSystemSetup setup)
    {
        Name = name;
        Settings = settings;
        Scheduler = new Scheduler(setup.Clock);
        EventStream = new EventStream();
        Log = new LoggingAdapter(this);
        var root = ActorPath.Root(name);
        DeadLetters = new DeadLetterActorRef(this, root.Child("deadLetters"));
        Dispatchers = new Dispatchers(settings.Dispatchers, setup.DispatcherFactory);
        CoordinatedShutdown = new CoordinatedShutdown(this, settings.CoordinatedShutdown);
        TaskScheduler = new DispatcherTaskScheduler(Dispatchers.Default);
        SubscribeDeadLetterLogger(root);
        _guardian = new ActorCell(this, root.Child("user"), Props.Create(static () => new GuardianActor()),
            new RootGuardianRef(this, root), Dispatchers.Default);
        _guardian.Start();
    }

    /// <summary>
    /// Starts a system: <paramref name="config"/>'s <c>actors</c> section over the reference defaults, and the clock and
    /// dispatchers of <paramref name="setup"/>. A bad setting throws <see cref="ConfigException"/>.
    /// </summary>
    public static ActorSystem Create(string name, Config? config = null, ActorSystemSetup? setup = null)
    {
        if (!ValidName().IsMatch(name))
            throw new ArgumentException($"actor system name '{name}' must be letters, digits, '-' and '_', starting with a letter or digit", nameof(name));
        var settings = config is null ? ActorSystemSettings.Default : ActorSystemSettings.From(config);
        return new ActorSystem(name, settings, setup ?? new ActorSystemSetup());
    }

    /// <summary>The system's name, the authority of its paths.</summary>
    public string Name { get; }

    /// <summary>The settings read from the <c>actors</c> section.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>Timers and the clock.</summary>
    public Scheduler Scheduler { get; }

    /// <summary>The publish–subscribe bus of dead letters, unhandled messages and log events.</summary>
    public EventStream EventStream { get; }

    /// <summary>Where undeliverable messages go.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>The system's logger (events on the event stream).</summary>
    public LoggingAdapter Log { get; }

    /// <summary>The dispatchers by id.</summary>
    public Dispatchers Dispatchers { get; }

    /// <summary>The ordered shutdown phases that <see cref="Terminate"/> runs.</summary>
    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>Completes once every actor has stopped and the dispatchers are shut down.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Creates a top-level actor.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _guardian.ActorOf(props, name);

    /// <summary>Stops an actor after the message it is processing.</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef target)
            target.SendSystemMessage(Kernel.Terminate.Instance);
    }

    /// <summary>Runs coordinated shutdown (its last phase stops every actor); completes when the system has terminated.</summary>
    public Task Terminate() => CoordinatedShutdown.Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);

    /// <summary>Starts <see cref="Terminate"/> without waiting for it.</summary>
    public void Dispose() => _ = Terminate();

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem({Name})";

    internal bool IsTerminating => _terminating;

    /// <summary>Where the continuations of Ask and GracefulStop run: the default dispatcher.</summary>
    internal TaskScheduler TaskScheduler { get; }

    /// <summary>The last shutdown step: stop the user guardian (and with it every actor).</summary>
    internal void StopGuardian()
    {
        _terminating = true;
        _guardian.Self.SendSystemMessage(Kernel.Terminate.Instance);
    }

    internal void GuardianTerminated()
    {
        _terminating = true;
        // Completed as a dispatcher work item, not on the guardian's turn: code after `await WhenTerminated` must not
        // run as if it were inside an actor.
        Task.Factory.StartNew(() =>
        {
            Dispatchers.Shutdown();
            _terminated.TrySetResult();
        }, CancellationToken.None, TaskCreationOptions.HideScheduler, TaskScheduler);
    }

    internal ActorPath TempPath() => ActorPath.Root(Name).Child("temp").Child("$" + Interlocked.Increment(ref _tempCounter));

    /// <summary>Publishes an envelope that could not be delivered to <paramref name="recipient"/>.</summary>
    internal void DeadLetterOf(in Envelope envelope, IActorRef recipient)
    {
        var message = envelope.Message switch
        {
            TimerScheduler.TimerMessage timer => timer.Message,
            ActorCell.WatchedTermination termination => termination.Notice,
            var other => other,
        };
        EventStream.Publish(new DeadLetter(message, envelope.Sender ?? DeadLetters, recipient));
    }

    private void SubscribeDeadLetterLogger(ActorPath root)
    {
        var limit = Settings.LogDeadLetters;
        if (limit == 0)
            return;
        var logger = new FunctionRef(this, root.Child("system").Child("deadLetterListener"), (message, _) =>
        {
            if (message is not DeadLetter letter || (_terminating && !Settings.LogDeadLettersDuringShutdown))
                return;
            var count = Interlocked.Increment(ref _deadLettersLogged);
            if (count > limit)
                return;
            var more = count == limit && limit != int.MaxValue
                ? " No more dead letters will be logged (actors.log-dead-letters)."
                : "";
            Log.Info(letter.Recipient.Path.ToString(),
                $"Message [{letter.Message.GetType().Name}] from {letter.Sender.Path} to {letter.Recipient.Path} was not delivered. " +
                $"[{count}] dead letters encountered.{more}");
        });
        EventStream.Subscribe(logger, typeof(DeadLetter));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex ValidName();
}
