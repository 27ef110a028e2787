using ShampooActors.Actors.Kernel;

namespace ShampooActors.Testing;

/// <summary>
/// Virtual time for an actor system: a <see cref="VirtualClock"/> and one deterministic run queue. Messages are
/// processed only in <see cref="RunUntilIdle"/>; time passes only in <see cref="Advance"/>, which alternates running the
/// actors until idle and firing the earliest due timer at its due time, so work scheduled during the advance is honoured
/// and periodic timers fire once per period.
/// </summary>
public sealed class VirtualTime
{
    /// <summary>A clock at its start and an empty queue.</summary>
    public VirtualTime(DateTimeOffset? start = null)
    {
        Clock = new VirtualClock(start);
        RunQueue = new DeterministicRunQueue();
    }

    /// <summary>The clock the system reads.</summary>
    public VirtualClock Clock { get; }

    /// <summary>Where every dispatcher's turns wait.</summary>
    public DeterministicRunQueue RunQueue { get; }

    /// <summary>Time passed since the start.</summary>
    public TimeSpan Elapsed => Clock.Elapsed;

    /// <summary>A setup that puts a system on this clock and queue.</summary>
    public ActorSystemSetup Setup() => new()
    {
        Clock = Clock,
        DispatcherFactory = settings => new DeterministicDispatcher(settings.Id, settings.Throughput, RunQueue),
    };

    /// <summary>Runs the actors until none has work and no timer is due now.</summary>
    public void RunUntilIdle() => Advance(TimeSpan.Zero);

    /// <summary>Lets <paramref name="duration"/> pass: timers fire in due order, the actors run until idle between them.</summary>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        AdvanceTo(Elapsed + duration);
    }

    /// <summary>Lets time pass up to <paramref name="target"/> since the start (no-op if it has passed).</summary>
    public void AdvanceTo(TimeSpan target)
    {
        do
            RunQueue.RunUntilIdle();
        while (Clock.FireNext(target));
        Clock.MoveTo(target);
        RunQueue.RunUntilIdle();
    }

    /// <summary>
    /// Runs and advances, timer by timer, until <paramref name="condition"/> holds or <paramref name="max"/> has passed;
    /// returns whether it holds. The clock stops where the condition first held (or at the limit).
    /// </summary>
    public bool RunUntil(Func<bool> condition, TimeSpan max)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Elapsed + max;
        while (true)
        {
            RunQueue.RunUntilIdle();
            if (condition())
                return true;
            if (!Clock.FireNext(deadline))
                break;
        }
        Clock.MoveTo(deadline);
        RunQueue.RunUntilIdle();
        return condition();
    }
}
