using ShampooActors.Math.Tests.Support;
using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Tests.Linalg;

[Collection(nameof(AloneCollection))]
public sealed class BlasParallelSpec
{
    private sealed class Recording(int count) : IBlasWork
    {
        public int[] Runs { get; } = new int[count];
        public int[] Workers { get; } = new int[count];

        public void Execute(int item, int worker)
        {
            Interlocked.Increment(ref Runs[item]);
            Workers[item] = worker;
            // A real product, so items overlap in time.
            var a = new float[64 * 64];
            Blas.Sgemm(false, false, 64, 64, 64, 1f, a, 64, a, 64, 0f, new float[64 * 64], 64);
        }
    }

    [Fact]
    public void Every_item_runs_exactly_once_with_a_worker_index_below_the_core_count()
    {
        var work = new Recording(50);
        BlasParallel.For(50, work);
        Assert.All(work.Runs, r => Assert.Equal(1, r));
        Assert.All(work.Workers, w => Assert.InRange(w, 0, Environment.ProcessorCount - 1));
    }

    private sealed class Failing : IBlasWork
    {
        public void Execute(int item, int worker)
        {
            if (item == 3)
                throw new InvalidOperationException("item 3 failed");
        }
    }

    [Fact]
    public void A_failing_item_fails_the_batch_and_the_next_batch_still_runs()
    {
        var error = Assert.Throws<AggregateException>(() => BlasParallel.For(10, new Failing()));
        Assert.Equal("item 3 failed", error.InnerException!.Message);
        var work = new Recording(10);
        BlasParallel.For(10, work);
        Assert.All(work.Runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void Batches_from_several_threads_at_once_all_complete()
    {
        var works = Enumerable.Range(0, 4).Select(_ => new Recording(20)).ToArray();
        Parallel.ForEach(works, w => BlasParallel.For(20, w));
        Assert.All(works, w => Assert.All(w.Runs, r => Assert.Equal(1, r)));
    }

    private sealed class Blocking(ManualResetEventSlim inside, ManualResetEventSlim release) : IBlasWork
    {
        public void Execute(int item, int worker)
        {
            inside.Set();
            release.Wait();
        }
    }

    [Fact]
    public async Task A_failing_item_fails_the_same_way_when_another_batch_holds_the_workers()
    {
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(() => BlasParallel.For(2, new Blocking(inside, release)));
        inside.Wait();

        var error = Assert.Throws<AggregateException>(() => BlasParallel.For(10, new Failing()));

        release.Set();
        await holder;
        Assert.Equal("item 3 failed", error.InnerException!.Message);
    }

    private sealed class ThreadCount(int count) : IBlasWork
    {
        public int[] Seen { get; } = new int[count];

        public void Execute(int item, int worker) => Seen[item] = Blas.Threads;
    }

    [Fact]
    public void Items_that_call_no_blas_leave_the_blas_thread_count_alone()
    {
        var before = Blas.Threads;
        var plain = new ThreadCount(8);
        var blas = new ThreadCount(8);

        BlasParallel.For(8, plain, callsBlas: false);
        BlasParallel.For(8, blas);

        Assert.All(plain.Seen, t => Assert.Equal(before, t));
        Assert.All(blas.Seen, t => Assert.Equal(before > 1 ? 1 : before, t));
        Assert.Equal(before, Blas.Threads);
    }
}
