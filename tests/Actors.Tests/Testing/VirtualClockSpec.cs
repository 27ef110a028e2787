using System.Runtime.CompilerServices;

namespace ShampooActors.Actors.Tests.Testing;

public sealed class VirtualClockSpec
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Time_moves_only_when_advanced()
    {
        var clock = new VirtualClock(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(new DateTimeOffset(2030, 5, 6, 7, 8, 10, 500, TimeSpan.Zero), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(before));
    }

    [Fact]
    public void Timers_fire_in_due_order_each_seeing_its_own_due_time()
    {
        var clock = new VirtualClock();
        var fired = new List<(string Name, TimeSpan At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.Elapsed)), null, 3 * Second, Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.Elapsed)), null, Second, Timeout.InfiniteTimeSpan);
        using var tie = clock.CreateTimer(_ => fired.Add(("tie", clock.Elapsed)), null, Second, Timeout.InfiniteTimeSpan);

        clock.Advance(5 * Second);

        Assert.Equal([("early", Second), ("tie", Second), ("late", 3 * Second)], fired);
        Assert.Equal(5 * Second, clock.Elapsed);
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_passed()
    {
        var clock = new VirtualClock();
        var times = new List<TimeSpan>();
        using var timer = clock.CreateTimer(_ => times.Add(clock.Elapsed), null, 2 * Second, Second);

        clock.Advance(TimeSpan.FromMilliseconds(5500));

        Assert.Equal([2 * Second, 3 * Second, 4 * Second, 5 * Second], times);
    }

    [Fact]
    public void A_disposed_or_changed_timer_does_not_fire_at_its_old_time()
    {
        var clock = new VirtualClock();
        var fired = new List<string>();
        var disposed = clock.CreateTimer(_ => fired.Add("disposed"), null, Second, Timeout.InfiniteTimeSpan);
        using var changed = clock.CreateTimer(_ => fired.Add($"changed@{clock.Elapsed.TotalSeconds}"), null, Second, Timeout.InfiniteTimeSpan);

        disposed.Dispose();
        changed.Change(4 * Second, Timeout.InfiniteTimeSpan);
        clock.Advance(5 * Second);

        Assert.Equal(["changed@4"], fired);
    }

    [Fact]
    public void A_timer_created_by_a_firing_timer_fires_within_the_same_advance_when_due()
    {
        var clock = new VirtualClock();
        var fired = new List<TimeSpan>();
        ITimer? inner = null;
        using var outer = clock.CreateTimer(_ => inner = clock.CreateTimer(_ => fired.Add(clock.Elapsed), null, Second, Timeout.InfiniteTimeSpan),
            null, Second, Timeout.InfiniteTimeSpan);

        clock.Advance(3 * Second);

        Assert.Equal([2 * Second], fired);
        inner!.Dispose();
    }

    [Fact]
    public void Task_delay_on_the_virtual_clock_completes_exactly_at_its_due_time()
    {
        var clock = new VirtualClock();
        var delay = Task.Delay(2 * Second, clock);

        clock.Advance(2 * Second - TimeSpan.FromTicks(1));
        var beforeDue = delay.IsCompleted;
        clock.Advance(TimeSpan.FromTicks(1));

        Assert.False(beforeDue);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_disposed_timer_waiting_in_the_queue_does_not_keep_its_state_alive()
    {
        var clock = new VirtualClock();
        var state = Disposed(clock);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(state.IsAlive);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Disposed(VirtualClock clock)
    {
        var state = new object();
        clock.CreateTimer(_ => { }, state, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan).Dispose();
        return new WeakReference(state);
    }
}
