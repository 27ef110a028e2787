namespace ShampooActors.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when told to: timers wait in a queue ordered by due time (then by
/// creation) and fire one by one as the time passes them, each seeing <see cref="TimeProvider.GetUtcNow"/> equal to its
/// due time. Periodic timers fire once per period passed. Thread-safe.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Entry, (long Due, long Sequence)> _queue = new();
    private readonly DateTimeOffset _start;
    private long _elapsed; // ticks since start
    private long _sequence;

    /// <summary>A clock that starts at <paramref name="start"/> (default 2026-01-01T00:00Z).</summary>
    public VirtualClock(DateTimeOffset? start = null)
    {
        _start = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private sealed record Entry(VirtualTimer Timer, int Version);

    /// <summary>Time passed since the clock started.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
                return TimeSpan.FromTicks(_elapsed);
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + Elapsed;

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate)
            return _elapsed;
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>When the next live timer is due, relative to the start; null when none is.</summary>
    public TimeSpan? NextDue
    {
        get
        {
            lock (_gate)
            {
                DropStale();
                return _queue.TryPeek(out _, out var key) ? TimeSpan.FromTicks(key.Due) : null;
            }
        }
    }

    /// <summary>Fires every timer due up to <paramref name="duration"/> from now, in order, then sets the time to it.</summary>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var target = Elapsed + duration;
        while (FireNext(target))
        {
        }
        MoveTo(target);
    }

    /// <summary>Fires the earliest timer due at or before <paramref name="limit"/> (elapsed since start); false when there is none.</summary>
    public bool FireNext(TimeSpan limit)
    {
        (TimerCallback Callback, object? State) fired;
        lock (_gate)
        {
            DropStale();
            if (!_queue.TryPeek(out var entry, out var key) || key.Due > limit.Ticks)
                return false;
            _queue.Dequeue();
            if (key.Due > _elapsed)
                _elapsed = key.Due;
            fired = entry.Timer.Fired(key.Due);
        }
        // Callbacks run as on a timer thread: without the caller's synchronization context, so what they complete
        // continues inline, within this advance, instead of on another thread.
        var callerContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            fired.Callback(fired.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(callerContext);
        }
        return true;
    }

    /// <summary>Sets the time forward to <paramref name="elapsed"/> since the start, firing nothing.</summary>
    public void MoveTo(TimeSpan elapsed)
    {
        lock (_gate)
            if (elapsed.Ticks > _elapsed)
                _elapsed = elapsed.Ticks;
    }

    private void Schedule(VirtualTimer timer, long due, int version)
    {
        lock (_gate)
            _queue.Enqueue(new Entry(timer, version), (due, _sequence++));
    }

    private void DropStale()
    {
        while (_queue.TryPeek(out var entry, out _) && !entry.Timer.IsCurrent(entry.Version))
            _queue.Dequeue();
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        // Dropped on dispose: a disposed timer waits in the queue until its due time, and must not keep its state alive.
        private TimerCallback? _callback = callback;
        private object? _state = state;
        private int _version;
        private long _period = -1; // ticks; -1: not periodic
        private bool _disposed;

        public bool IsCurrent(int version) => !_disposed && version == _version;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (_disposed)
                    return false;
                _version++;
                _period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? -1 : period.Ticks;
                if (dueTime != Timeout.InfiniteTimeSpan)
                    clock.Schedule(this, clock._elapsed + global::System.Math.Max(0, dueTime.Ticks), _version);
                return true;
            }
        }

        /// <summary>
        /// Called under the clock's lock as the timer fires at <paramref name="due"/>: a periodic one is queued again.
        /// Returns the callback to run (outside the lock) with its state.
        /// </summary>
        public (TimerCallback Callback, object? State) Fired(long due)
        {
            if (_period > 0)
                clock.Schedule(this, due + _period, _version);
            return (_callback!, _state);
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                _disposed = true;
                _callback = null;
                _state = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
