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
                work.Run();
                count++;
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
}

/// <summary>A dispatcher of a virtual-time system: its turns go to the shared <see cref="DeterministicRunQueue"/>.</summary>
public sealed class DeterministicDispatcher(string id, int throughput, DeterministicRunQueue queue) : MessageDispatcher(id, throughput)
{
    /// <inheritdoc />
    public override void Execute(IRunnable work) => queue.Enqueue(work);
}
