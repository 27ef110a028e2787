namespace ShampooActors.Actors.Kernel;

/// <summary>
/// A temporary ref that completes a task with the first message told to it (or the first termination it watches), or
/// fails it when the timeout passes on the system's clock. It can be watched: it terminates when it settles.
/// </summary>
internal sealed class PromiseActorRef : IInternalActorRef
{
    private readonly TaskCompletionSource<object> _promise = new();
    private readonly ICancelable? _timeout;
    private readonly CancellationTokenRegistration _cancellation;
    private readonly Lock _gate = new();
    private List<IInternalActorRef>? _watchers;
    private bool _released;

    public PromiseActorRef(ActorSystem system, TimeSpan timeout, Func<Exception> onTimeout, CancellationToken cancellation)
    {
        System = system;
        Path = system.TempPath();
        if (timeout != Timeout.InfiniteTimeSpan)
            _timeout = system.Scheduler.ScheduleOnce(timeout, () => _promise.TrySetException(onTimeout()));
        if (cancellation.CanBeCanceled)
            _cancellation = cancellation.Register(static (p, token) => ((TaskCompletionSource<object>)p!).TrySetCanceled(token), _promise);
        // Once settled, nothing may keep the promise alive: not the timer, not a long-lived cancellation token.
        _promise.Task.ContinueWith(static (_, self) => ((PromiseActorRef)self!).Release(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public ActorPath Path { get; }

    /// <summary>The promise has settled: its timer and token registration go, and its watchers learn it has terminated.</summary>
    private void Release()
    {
        _timeout?.Cancel();
        _cancellation.Dispose();
        List<IInternalActorRef>? watchers;
        lock (_gate)
        {
            _released = true;
            watchers = _watchers;
            _watchers = null;
        }
        foreach (var watcher in watchers ?? [])
            watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: true));
    }

    public ActorSystem System { get; }

    public Task<object> Result => _promise.Task;

    public bool IsTerminated => _promise.Task.IsCompleted;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_promise.TrySetResult(message))
            System.DeadLetterOf(new Envelope(message, sender), this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification notification:
                _promise.TrySetResult(new Terminated(notification.Actor, notification.ExistenceConfirmed));
                break;
            case Watch watch when ReferenceEquals(watch.Watchee, this):
                lock (_gate)
                {
                    if (!_released)
                    {
                        (_watchers ??= []).Add(watch.Watcher);
                        return;
                    }
                }
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false));
                break;
            case Unwatch unwatch when ReferenceEquals(unwatch.Watchee, this):
                lock (_gate)
                    _watchers?.Remove(unwatch.Watcher);
                break;
        }
    }

    public override string ToString() => $"[{Path}]";
}
