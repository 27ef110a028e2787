using ShampooActors.Actors.Kernel;

namespace ShampooActors.Testing;

/// <summary>
/// One queue of work for every dispatcher of a virtual-time system: nothing runs until <see cref="RunUntilIdle"/>, which
/// runs the queued mailbox turns in order on the calling thread until none is left.
/// </summary>
public sealed class DeterministicRunQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<IRunnable> _queue = new();
    private bool _running;

    /// <summary>
    /// The most turns one <see cref="RunUntilIdle"/> may run before it gives up with an error naming the busiest actor:
    /// actors that keep each other (or themselves, in a restart loop) busy forever would otherwise hang the test at one
    /// instant of virtual time.
    /// </summary>
    public int MaxTurnsPerRun { get; set; } = 1_000_000;

    /// <summary>Whether work is queued.</summary>
    public bool HasWork
    {
        get
        {
            lock (_gate)
                return _queue.Count > 0;
        }
    }

    /// <summary>Queues a turn.</summary>
    public void Enqueue(IRunnable work)
    {
        lock (_gate)
            _queue.Enqueue(work);
    }

    /// <summary>Runs queued turns (and the turns they queue) until none is left; returns how many ran. A nested call runs nothing.</summary>
    public int RunUntilIdle()
    {
        lock (_gate)
        {
            if (_running)
                return 0;
            _running = true;
        }
        var count = 0;
        // Turns run as on a pool thread: without the caller's synchronization context (a test framework's), so await
        // continuations that a turn completes run inline here instead of being posted to another thread.
        var callerContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (true)
            {
                IRunnable? work;
                lock (_gate)
                    if (!_queue.TryDequeue(out work))
                        break;
                if (++count > MaxTurnsPerRun)
                    throw new InvalidOperationException(
                        $"the actors did not become idle within {MaxTurnsPerRun} turns at one instant of virtual time; " +
                        $"the last turn was {Describe(work)} (a restart loop, or actors messaging each other forever?)");
                work.Run();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(callerContext);
            lock (_gate)
                _running = false;
        }
        return count;
    }

    private static string Describe(IRunnable work) => work is Mailbox mailbox ? $"the mailbox of {mailbox.Owner}" : work.GetType().Name;
}

/// <summary>A dispatcher of a virtual-time system: its turns go to the shared <see cref="DeterministicRunQueue"/>.</summary>
public sealed class DeterministicDispatcher(string id, int throughput, DeterministicRunQueue queue) : MessageDispatcher(id, throughput)
{
    /// <inheritdoc />
    public override void Execute(IRunnable work) => queue.Enqueue(work);
}
