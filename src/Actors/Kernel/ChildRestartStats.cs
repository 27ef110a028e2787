namespace ShampooActors.Actors.Kernel;

/// <summary>A child and its restarts within the current window, as its supervisor counts them.</summary>
internal sealed class ChildRestartStats(IInternalActorRef child)
{
    private long _windowStart;

    public IInternalActorRef Child { get; } = child;

    public int RestartCount { get; private set; }

    /// <summary>
    /// Whether one more restart is allowed, as Akka counts: <paramref name="maxRetries"/> negative means no limit, 0 none;
    /// <paramref name="window"/> infinite (or not positive) means the child's whole life. With a window, at most
    /// <paramref name="maxRetries"/> restarts (1 when there is no limit) fall within it; a restart after the window has
    /// passed starts a new one.
    /// </summary>
    public bool RequestRestartPermission(int maxRetries, TimeSpan window, TimeProvider clock)
    {
        if (maxRetries == 0)
            return false;
        var noWindow = window == Timeout.InfiniteTimeSpan || window <= TimeSpan.Zero;
        if (noWindow)
            return maxRetries < 0 || ++RestartCount <= maxRetries;
        var allowed = maxRetries < 0 ? 1 : maxRetries;
        var now = clock.GetTimestamp();
        if (RestartCount == 0 || clock.GetElapsedTime(_windowStart, now) > window)
        {
            _windowStart = now;
            RestartCount = 1;
            return true;
        }
        return ++RestartCount <= allowed;
    }
}
