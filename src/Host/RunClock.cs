using System.Diagnostics;

namespace ShampooActors.Host;

/// <summary>
/// A run's training clock: the seconds spent training, paused while checkpoints are saved and the test set is evaluated, and
/// continuing from the seconds a resumed run had already taken.
/// </summary>
internal sealed class RunClock
{
    private readonly double _before;
    private readonly Stopwatch _watch = new();

    private RunClock(double before) => _before = before;

    /// <summary>A running clock that reads <paramref name="seconds"/> now.</summary>
    public static RunClock StartAt(double seconds)
    {
        var clock = new RunClock(seconds);
        clock.Start();
        return clock;
    }

    /// <summary>Training seconds so far, those before a resume included.</summary>
    public double Seconds => _before + _watch.Elapsed.TotalSeconds;

    /// <summary>Pauses the clock.</summary>
    public void Stop() => _watch.Stop();

    /// <summary>Lets the clock run again.</summary>
    public void Start() => _watch.Start();
}
