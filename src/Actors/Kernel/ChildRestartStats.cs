namespace ShampooActors.Actors.Kernel;

/// <summary>A child and its restarts within the current window, as its supervisor counts them.</summary>
internal sealed class ChildRestartStats(IInternalActorRef child)
{
    private long _windowStart;

    public IInternalActorRef Child { get; } = child;

    public int RestartCount { get; private set; }

    /// <summary>
    /// Whether one more restart is allowed: at most <paramref name="maxRetries"/> (negative: unlimited) within
    /// <paramref name="window"/> (infinite: ever). A restart after the window has passed starts a new window.
    /// </summary>
    public bool RequestRestartPermission(int maxRetries, TimeSpan window, TimeProvider clock)
    {
        if (maxRetries == 0)
            return false;
        var unlimitedWindow = window == Timeout.InfiniteTimeSpan;
        if (maxRetries < 0 && unlimitedWindow)
            return true;
        if (unlimitedWindow)
            return ++RestartCount <= maxRetries;
        var now = clock.GetTimestamp();
        if (RestartCount == 0 || clock.GetElapsedTime(_windowStart, now) > window)
        {
            _windowStart = now;
            RestartCount = 1;
            return true;
        }
        RestartCount++;
        return maxRetries < 0 || RestartCount <= maxRetries;
    }
}
