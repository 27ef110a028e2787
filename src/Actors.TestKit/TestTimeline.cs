using System.Diagnostics;

namespace ShampooActors.Testing;

/// <summary>How a test kit lets time pass while it waits: virtual (run the actors, advance the clock) or real (block).</summary>
internal abstract class TestTimeline
{
    /// <summary>Time since the test kit started.</summary>
    public abstract TimeSpan Now { get; }

    /// <summary>Waits until <paramref name="ready"/> holds or <paramref name="max"/> passes; returns whether it holds.</summary>
    public abstract bool WaitUntil(Func<bool> ready, TimeSpan max, SemaphoreSlim? signal = null);

    /// <summary>Lets <paramref name="duration"/> pass.</summary>
    public abstract void Pass(TimeSpan duration);
}

internal sealed class VirtualTimeline(VirtualTime time) : TestTimeline
{
    public override TimeSpan Now => time.Elapsed;

    public override bool WaitUntil(Func<bool> ready, TimeSpan max, SemaphoreSlim? signal = null) => time.RunUntil(ready, max);

    public override void Pass(TimeSpan duration) => time.Advance(duration);
}

internal sealed class RealTimeline : TestTimeline
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public override TimeSpan Now => _watch.Elapsed;

    public override bool WaitUntil(Func<bool> ready, TimeSpan max, SemaphoreSlim? signal = null)
    {
        var deadline = Now + max;
        while (true)
        {
            if (ready())
                return true;
            var left = deadline - Now;
            if (left <= TimeSpan.Zero)
                return ready();
            var wait = left < PollInterval ? left : PollInterval;
            if (signal is not null)
                signal.Wait(wait);
            else
                Thread.Sleep(wait);
        }
    }

    public override void Pass(TimeSpan duration) => Thread.Sleep(duration);
}
