using ShampooActors.Actors.Kernel;
using ShampooActors.Configuration;

namespace ShampooActors.Testing;

/// <summary>
/// The xunit base class of actor tests: a fresh actor system per test (stopped on dispose), a test actor with
/// expectations, probes, and in <see cref="TestKitMode.VirtualTime"/> (the default) a virtual clock that only
/// <see cref="Advance"/>, <see cref="RunUntilIdle"/> and waiting expectations move.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private readonly VirtualTime? _time;

    /// <summary>A test kit in <paramref name="mode"/>, its system configured by <paramref name="config"/> over the reference.</summary>
    protected TestKit(TestKitMode mode = TestKitMode.VirtualTime, Config? config = null, TestKitSettings? settings = null, string systemName = "test")
        : this(Start(mode, config, systemName), settings ?? TestKitSettings.Default)
    {
    }

    private TestKit((ActorSystem System, TestTimeline Timeline, VirtualTime? Time) start, TestKitSettings settings)
        : base(start.System, start.Timeline, settings, "testActor")
    {
        _time = start.Time;
        Mode = _time is null ? TestKitMode.RealTime : TestKitMode.VirtualTime;
    }

    /// <summary>Virtual or real time.</summary>
    public TestKitMode Mode { get; }

    /// <summary>The virtual time (virtual mode only).</summary>
    public VirtualTime Time => _time ?? throw new InvalidOperationException("this test kit runs in real time; there is no virtual time");

    /// <summary>The system clock's time now.</summary>
    public DateTimeOffset Now => Sys.Scheduler.Now;

    /// <summary>Runs the actors until none has work (virtual mode).</summary>
    public void RunUntilIdle() => Time.RunUntilIdle();

    /// <summary>Lets <paramref name="duration"/> of virtual time pass, firing timers in order and running the actors between them.</summary>
    public void Advance(TimeSpan duration) => Time.Advance(duration);

    /// <summary>A new probe.</summary>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, Timeline, Settings, name);

    /// <summary>Stops the system and waits (in virtual time: runs) until it has terminated.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the system; override to release more, calling this.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        var terminated = Sys.Terminate();
        Timeline.WaitUntil(() => terminated.IsCompleted, TimeSpan.FromSeconds(10));
    }

    private static (ActorSystem, TestTimeline, VirtualTime?) Start(TestKitMode mode, Config? config, string systemName)
    {
        if (mode == TestKitMode.RealTime)
            return (ActorSystem.Create(systemName, config), new RealTimeline(), null);
        var time = new VirtualTime();
        return (ActorSystem.Create(systemName, config, time.Setup()), new VirtualTimeline(time), time);
    }
}
