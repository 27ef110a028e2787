namespace ShampooActors.Actors.Kernel;

/// <summary>
/// Ordered shutdown: tasks registered per phase; <see cref="Run"/> runs the phases in the configured order, the tasks of
/// one phase concurrently, each phase bounded by its timeout (a late or failed phase is logged and shutdown goes on), and
/// after the last phase stops every actor. Running it again returns the same task.
/// </summary>
public sealed class CoordinatedShutdown
{
    /// <summary>Phase names of the reference configuration, in order.</summary>
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";

    /// <summary>Stop accepting new work.</summary>
    public const string PhaseServiceUnbind = "service-unbind";

    /// <summary>Wait for work in progress.</summary>
    public const string PhaseServiceRequestsDone = "service-requests-done";

    /// <summary>Stop services.</summary>
    public const string PhaseServiceStop = "service-stop";

    /// <summary>Last chance before the actors stop (a training job saves its checkpoint here).</summary>
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";

    /// <summary>The actors stop after this phase.</summary>
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private readonly ActorSystem _system;
    private readonly CoordinatedShutdownSettings _settings;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(string Name, Func<Task> Run)>> _tasks = new(StringComparer.Ordinal);
    private Task? _run;

    internal CoordinatedShutdown(ActorSystem system, CoordinatedShutdownSettings settings)
    {
        _system = system;
        _settings = settings;
    }

    /// <summary>Why a shutdown runs.</summary>
    public abstract class Reason;

    /// <summary><see cref="ActorSystem.Terminate"/> was called.</summary>
    public sealed class ActorSystemTerminateReason : Reason
    {
        /// <summary>The one instance.</summary>
        public static readonly ActorSystemTerminateReason Instance = new();
    }

    /// <summary>The process was asked to stop (Ctrl+C or a termination signal).</summary>
    public sealed class ProcessExitReason : Reason
    {
        /// <summary>The one instance.</summary>
        public static readonly ProcessExitReason Instance = new();
    }

    /// <summary>The system's coordinated shutdown.</summary>
    public static CoordinatedShutdown Get(ActorSystem system) => system.CoordinatedShutdown;

    /// <summary>The phases in the order they run.</summary>
    public IReadOnlyList<string> Phases => _settings.Phases;

    /// <summary>The reason of the shutdown that has started, or null.</summary>
    public Reason? ShutdownReason { get; private set; }

    /// <summary>Registers a task to run in <paramref name="phase"/>; an unknown phase, or a phase that has started, throws.</summary>
    public void AddTask(string phase, string taskName, Func<Task> task)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        ArgumentNullException.ThrowIfNull(task);
        if (!_settings.Phases.Contains(phase))
            throw new ArgumentException($"unknown shutdown phase '{phase}' (phases: {string.Join(", ", _settings.Phases)})", nameof(phase));
        lock (_gate)
        {
            if (_run is not null)
                throw new InvalidOperationException($"shutdown has started; task '{taskName}' can no longer join phase '{phase}'");
            if (!_tasks.TryGetValue(phase, out var list))
                _tasks[phase] = list = [];
            list.Add((taskName, task));
        }
    }

    /// <summary>Runs the shutdown once; completes when the system has terminated. A call from inside a phase's task gets the same task.</summary>
    public Task Run(Reason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        TaskCompletionSource run;
        lock (_gate)
        {
            if (_run is not null)
                return _run;
            ShutdownReason = reason;
            run = new TaskCompletionSource();
            _run = run.Task;
        }
        // The tasks belong to the system, not to the caller: they start without the caller's synchronization context (an
        // actor's async turn, a test framework's), so their awaits do not post back to it.
        var callerContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            // Continuations, not awaits, on the kernel's side: .NET runs only one of several no-context awaits of a task
            // inline, so a user's `await WhenTerminated` or `await Terminate()` stays the only one.
            RunPhases().ContinueWith(static (phases, state) =>
            {
                var (system, run) = ((ActorSystem, TaskCompletionSource))state!;
                if (phases.IsFaulted)
                    run.TrySetException(phases.Exception!.InnerExceptions);
                else
                    system.WhenTerminated.ContinueWith(static (_, r) => ((TaskCompletionSource)r!).TrySetResult(), run,
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }, (_system, run), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(callerContext);
        }
        return run.Task;
    }

    private async Task RunPhases()
    {
        foreach (var phase in _settings.Phases)
        {
            List<(string Name, Func<Task> Run)> tasks;
            lock (_gate)
                tasks = _tasks.TryGetValue(phase, out var list) ? [.. list] : [];
            if (tasks.Count > 0)
                await RunPhase(phase, tasks).ConfigureAwait(false);
        }
        _system.StopGuardian();
    }

    private async Task RunPhase(string phase, List<(string Name, Func<Task> Run)> tasks)
    {
        var running = tasks.Select(t => RunTask(phase, t.Name, t.Run)).ToArray();
        var all = Task.WhenAll(running);
        if (_settings.PhaseTimeout == Timeout.InfiniteTimeSpan)
        {
            await all.ConfigureAwait(false);
            return;
        }
        using var cancel = new CancellationTokenSource();
        var timeout = Task.Delay(_settings.PhaseTimeout, _system.Scheduler.Clock, cancel.Token);
        if (await Task.WhenAny(all, timeout).ConfigureAwait(false) == timeout)
            _system.Log.Warning($"shutdown phase '{phase}' did not finish within {_settings.PhaseTimeout}; going on");
        else
            cancel.Cancel();
    }

    private async Task RunTask(string phase, string name, Func<Task> task)
    {
        try
        {
            await task().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _system.Log.Error(e, _system.Name, $"shutdown task '{name}' of phase '{phase}' failed: {e.Message}");
        }
    }
}
