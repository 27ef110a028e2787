using System.Collections.Concurrent;

namespace ShampooActors.Actors.Kernel;

/// <summary>
/// A bounded dispatcher of its own threads, for blocking numeric work: however long its turns take, they never hold a
/// thread-pool thread, so message handling elsewhere is not starved. At most <see cref="Threads"/> turns run at once.
/// </summary>
public sealed class DedicatedThreadDispatcher : MessageDispatcher
{
    private readonly BlockingCollection<IRunnable> _queue = new(new ConcurrentQueue<IRunnable>());
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="threads"/> background threads named after <paramref name="id"/>.</summary>
    public DedicatedThreadDispatcher(string id, int throughput, int threads) : base(id, throughput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"{id}-{i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>How many threads run turns.</summary>
    public int Threads => _threads.Length;

    /// <inheritdoc />
    public override void Execute(IRunnable work)
    {
        // After shutdown only stopped actors remain; their last system messages (a late watch) run on the caller.
        try
        {
            _queue.Add(work);
        }
        catch (InvalidOperationException) when (_queue.IsAddingCompleted)
        {
            work.Run();
        }
    }

    /// <inheritdoc />
    public override void Shutdown() => _queue.CompleteAdding();


    private void Work()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
            work.Run();
    }
}
