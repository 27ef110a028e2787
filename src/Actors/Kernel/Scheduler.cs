namespace ShampooActors.Actors.Kernel;

/// <summary>Something scheduled that can be called off.</summary>
public interface ICancelable
{
    /// <summary>Calls it off; what has already run stays done.</summary>
    void Cancel();

    /// <summary>Whether <see cref="Cancel"/> was called.</summary>
    bool IsCancellationRequested { get; }
}

/// <summary>
/// The actor system's only source of time: delayed and periodic messages and actions on the injected
/// <see cref="TimeProvider"/> (the system clock, or a virtual clock in tests). Nothing in the kernel reads the wall clock.
/// </summary>
public sealed class Scheduler(TimeProvider clock)
{
    /// <summary>The clock every timeout, window and timer of the system reads.</summary>
    public TimeProvider Clock { get; } = clock;

    /// <summary>The clock's current time.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Tells <paramref name="message"/> to <paramref name="receiver"/> after <paramref name="delay"/>.</summary>
    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        ScheduleOnce(delay, () => receiver.Tell(message, sender));

    /// <summary>Tells <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender) =>
        ScheduleRepeatedly(initialDelay, interval, () => receiver.Tell(message, sender));

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/> (on a timer thread, or in <c>Advance</c> in virtual time).</summary>
    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Schedule(CheckDelay(delay), Timeout.InfiniteTimeSpan, action);

    /// <summary>Runs <paramref name="action"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "a repeating interval must be positive");
        return Schedule(CheckDelay(initialDelay), interval, action);
    }

    private ICancelable Schedule(TimeSpan delay, TimeSpan period, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var item = new ScheduledItem(action, period == Timeout.InfiniteTimeSpan);
        item.Start(Clock, delay, period);
        return item;
    }

    private static TimeSpan CheckDelay(TimeSpan delay) =>
        delay >= TimeSpan.Zero
            ? delay
            : throw new ArgumentOutOfRangeException(nameof(delay), delay, "a delay must not be negative");

    /// <summary>One scheduled action; the timer's state, so a live timer keeps it (and itself) reachable.</summary>
    private sealed class ScheduledItem(Action action, bool once) : ICancelable
    {
        private readonly Lock _gate = new();
        private ITimer? _timer;
        private volatile bool _cancelled;

        public bool IsCancellationRequested => _cancelled;

        public void Start(TimeProvider clock, TimeSpan delay, TimeSpan period)
        {
            lock (_gate)
                _timer = clock.CreateTimer(static s => ((ScheduledItem)s!).Fire(), this, delay, period);
        }

        public void Cancel()
        {
            _cancelled = true;
            DisposeTimer();
        }

        private void DisposeTimer()
        {
            lock (_gate)
                _timer?.Dispose();
        }

        private void Fire()
        {
            if (_cancelled)
                return;
            if (once)
                DisposeTimer();
            action();
        }
    }
}
