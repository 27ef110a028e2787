namespace ShampooActors.Math.Linalg;

/// <summary>
/// Batched BLAS: many small independent products (e.g. one per Shampoo block) run one per core, each with OpenBLAS
/// single-threaded, instead of one after another with OpenBLAS splitting each small product across the cores, where
/// its hand-off costs about as much as it saves. The caller's thread takes part; the other cores are served by
/// long-lived worker threads, so a batch allocates nothing. One batch runs at a time; a caller that finds the workers
/// busy runs its items itself.
/// </summary>
internal static class BlasParallel
{
    private static int _busy;
    private static Worker[]? _workers;
    private static IBlasWork? _work;
    private static int _count, _next, _pending;
    private static Exception? _failure;

    /// <summary>
    /// Runs items 0 … <paramref name="count"/> − 1 of <paramref name="work"/> and returns when all are done; a failing item
    /// fails the batch with an <see cref="AggregateException"/> after the others ran, on either path. Items that call no
    /// BLAS say so with <paramref name="callsBlas"/> = false, and the batch leaves OpenBLAS's (process-wide) thread count alone.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void For(int count, IBlasWork work, bool callsBlas = true)
    {
        var threads = Blas.Threads;
        var workers = System.Math.Min(System.Math.Max(1, System.Math.Min(Environment.ProcessorCount, threads)), count);
        if (workers <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            RunHere(count, work);
            return;
        }
        try
        {
            if (callsBlas)
                Blas.Threads = 1;
            _workers ??= StartWorkers(System.Math.Max(1, Environment.ProcessorCount - 1));
            _work = work;
            _count = count;
            _next = 0;
            _failure = null;
            _pending = workers - 1;
            for (var w = 0; w < workers - 1; w++)
                _workers[w].Wake();
            Drain(0);
            var spin = new SpinWait();
            while (Volatile.Read(ref _pending) > 0)
                spin.SpinOnce(-1);
            _work = null;
            if (_failure is { } failure)
                throw new AggregateException("a batched BLAS item failed", failure);
        }
        finally
        {
            if (callsBlas)
                Blas.Threads = threads;
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>The items one after another on the calling thread, failing the same way as a batch.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void RunHere(int count, IBlasWork work)
    {
        Exception? failure = null;
        for (var i = 0; i < count; i++)
        {
            try
            {
                work.Execute(i, 0);
            }
            catch (Exception e)
            {
                failure ??= e;
            }
        }
        if (failure is not null)
            throw new AggregateException("a batched BLAS item failed", failure);
    }

    // Optimised from the first call (so is For): a tier-0 loop would be replaced mid-run by on-stack replacement,
    // which allocates on the thread that happens to run it, and a batch must allocate nothing.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Drain(int worker)
    {
        var work = _work!;
        int item;
        while ((item = Interlocked.Increment(ref _next) - 1) < _count)
        {
            try
            {
                work.Execute(item, worker);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
        }
    }

    private static Worker[] StartWorkers(int count)
    {
        var workers = new Worker[count];
        for (var w = 0; w < count; w++)
            workers[w] = new Worker(w + 1);
        return workers;
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _signal = new(0);

        public Worker(int id)
        {
            var thread = new Thread(() => Loop(id)) { IsBackground = true, Name = $"blas-batch-{id}" };
            thread.Start();
        }

        public void Wake() => _signal.Release();

        private void Loop(int id)
        {
            while (true)
            {
                _signal.Wait();
                Drain(id);
                Interlocked.Decrement(ref _pending);
            }
        }
    }
}
