namespace ShampooActors.Actors.Kernel;

/// <summary>An actor with keyed timers; the kernel assigns <see cref="Timers"/> when it creates the instance.</summary>
public interface IWithTimers
{
    /// <summary>This actor's timers.</summary>
    ITimerScheduler Timers { get; set; }
}

/// <summary>
/// Timers that send messages to their own actor, by key: starting a key again replaces its timer (a message of the old
/// one still queued is dropped), and every timer is cancelled when the actor restarts or stops.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> once after <paramref name="timeout"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan timeout);

    /// <summary>Sends <paramref name="message"/> every <paramref name="interval"/>, the first after one interval.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Whether the key has a live timer (a single timer stops being live once its message is processed).</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the key's timer; a queued message of it is dropped.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer.</summary>
    void CancelAll();
}

/// <summary>The cell's timers; generations tell a live timer's messages from those of a replaced or cancelled one.</summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, (int Generation, ICancelable Task, bool Repeating)> _timers = [];
    private int _generation;

    internal sealed record TimerMessage(object Key, int Generation, object Message);

    public void StartSingleTimer(object key, object message, TimeSpan timeout) => Start(key, message, timeout, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer))
            timer.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
            timer.Task.Cancel();
        _timers.Clear();
    }

    /// <summary>The message to deliver for a fired timer, or null when its timer has been replaced or cancelled.</summary>
    internal object? Accept(TimerMessage fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var timer) || timer.Generation != fired.Generation)
            return null;
        if (!timer.Repeating)
            _timers.Remove(fired.Key);
        return fired.Message;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var fired = new TimerMessage(key, generation, message);
        var scheduler = cell.System.Scheduler;
        var task = interval is { } every
            ? scheduler.ScheduleTellRepeatedly(delay, every, cell.Self, fired, cell.Self)
            : scheduler.ScheduleTellOnce(delay, cell.Self, fired, cell.Self);
        _timers[key] = (generation, task, interval is not null);
    }
}
