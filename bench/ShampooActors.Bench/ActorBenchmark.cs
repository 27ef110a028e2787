using System.Diagnostics;
using System.Runtime;
using ShampooActors.Actors.Kernel;
using ShampooActors.Configuration;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// The actor kernel on the default thread-pool dispatcher: ping-pong (one message in flight), fan-in (many senders to
/// 1000 receivers), Ask round trips (one and 100 in flight) and the memory of an idle actor. Each throughput case warms
/// up, then times a fixed number of messages per trial; completion is counted exactly (the last expected message
/// completes the trial). Two floors run alongside to show where the time goes: a thread-pool hop with one work item in
/// flight (what every ping-pong message pays at least) and the mailbox queue alone.
/// </summary>
public static class ActorBenchmark
{
    /// <summary>The BENCHMARKS.md and issue targets, in messages per second and bytes.</summary>
    public const double TargetPingPong = 1e6, TargetFanIn = 5e6, TargetBytesPerIdleActor = 1024;

    /// <summary>
    /// One throughput case: <see cref="Count"/> messages per trial; rates are per-trial messages per second. P10 rate is
    /// the pessimistic figure (nine trials in ten were faster); the rate at the p10 trial time is the fast regime's.
    /// </summary>
    public sealed record ThroughputRow(string Case, string Unit, long Count, int Trials, double P10Rate, double MedianRate,
        double RateAtP10Time, double P10Ms, double MedianMs, double BytesPerMessage, double GcPausePercent, double Gen0PerTrial,
        double Gen1PerTrial, double Gen2PerTrial, double MaxHeapMb, double? Target);

    /// <summary>Bytes per idle actor, from the difference of two full compacting collections around their creation.</summary>
    public sealed record MemoryRow(int Actors, double BytesPerActorTotalMemory, double BytesPerActorHeapSize, double Target);

    /// <summary>Everything one run measured, with the conditions it ran under.</summary>
    public sealed record Result(int Cores, int DispatcherThroughput, bool ServerGc, string GcLatencyMode, int Trials,
        IReadOnlyList<ThroughputRow> Throughput, MemoryRow? Memory);

    /// <summary>The case names <see cref="Run"/> accepts as a filter.</summary>
    public static readonly string[] Cases = ["ping-pong", "fan-in", "ask", "floors", "memory"];

    /// <summary>Runs every case (or only <paramref name="only"/>, one of <see cref="Cases"/>) with <paramref name="trials"/> timed trials each.</summary>
    public static Result Run(string? only = null, int trials = 15)
    {
        if (only is not null && !Cases.Contains(only))
            throw new ArgumentException($"unknown actors case '{only}' (there are: {string.Join(", ", Cases)})", nameof(only));
        bool Runs(string name) => only is null || only == name;
        var rows = new List<ThroughputRow>();
        int throughput;
        // Paced fan-in senders run on a thread-pool dispatcher of their own that yields the thread after every message (threads is required and unused by thread-pool).
        using (var system = ActorSystem.Create("bench", Config.Parse($"actors.dispatchers.{PacedDispatcher} {{ type = thread-pool, throughput = 1, threads = 1 }}")))
        {
            throughput = system.Dispatchers.Default.Throughput;
            if (Runs("ping-pong"))
                rows.Add(PingPong(system, roundTrips: 200_000, trials));
            if (Runs("fan-in"))
            {
                rows.Add(FanIn(system, receivers: 1000, senders: 16, roundsPerSender: 125, trials, paced: true));
                rows.Add(FanIn(system, receivers: 1000, senders: 16, roundsPerSender: 125, trials, paced: false));
            }
            if (Runs("ask"))
            {
                rows.Add(Asks(system, inFlight: 1, asks: 40_000, trials));
                rows.Add(Asks(system, inFlight: 100, asks: 200_000, trials));
            }
            system.Terminate().Wait();
        }
        if (Runs("floors"))
        {
            rows.Add(ThreadPoolHop(hops: 400_000, trials, preferLocal: false));
            rows.Add(ThreadPoolHop(hops: 400_000, trials, preferLocal: true));
            rows.Add(QueueAlone(items: 2_000_000, trials));
        }
        var memory = Runs("memory") ? IdleMemory(actors: 100_000) : null;
        return new Result(Environment.ProcessorCount, throughput, GCSettings.IsServerGC, GCSettings.LatencyMode.ToString(), trials,
            rows, memory);
    }

    private static ThroughputRow PingPong(ActorSystem system, long roundTrips, int trials)
    {
        var server = system.ActorOf(Props.Create(static () => new PingPongActor()));
        var returner = system.ActorOf(Props.Create(static () => new PingPongActor()));
        return Measure("ping-pong: 2 actors, 1 message in flight", "messages/s (both directions)", 2 * roundTrips, trials, TargetPingPong, () =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            server.Tell(new Serve(returner, roundTrips, done), ActorRefs.NoSender);
            done.Task.Wait();
        });
    }

    private const string PacedDispatcher = "paced-senders";

    /// <summary>
    /// Senders send one ball to every receiver per message they handle. Paced, they run on a throughput-1 dispatcher, so
    /// a sender turn sends one round and the receivers keep up (each has about one round per sender queued); in a flood
    /// they run on the default dispatcher, where a turn sends up to its throughput of rounds and most of a trial's balls
    /// wait in the receivers' mailboxes.
    /// </summary>
    private static ThroughputRow FanIn(ActorSystem system, int receivers, int senders, int roundsPerSender, int trials, bool paced)
    {
        var trial = new FanInTrial();
        var receiverRefs = new IActorRef[receivers];
        for (var i = 0; i < receivers; i++)
            receiverRefs[i] = system.ActorOf(Props.Create(() => new FanInReceiver(trial)));
        var senderRefs = new IActorRef[senders];
        for (var s = 0; s < senders; s++)
        {
            var offset = s * receivers / senders;
            var props = Props.Create(() => new FanInSender(receiverRefs, offset));
            senderRefs[s] = system.ActorOf(paced ? props.WithDispatcher(PacedDispatcher) : props);
        }
        var perReceiver = (long)senders * roundsPerSender;
        var spray = new Spray(roundsPerSender);
        var runs = 0;
        var label = paced
            ? $"fan-in, paced: {senders} sender actors, 1 round of {receivers} per turn (throughput-1 dispatcher) → {receivers} receivers"
            : $"fan-in, flood: {senders} sender actors, up to {system.Dispatchers.Default.Throughput} rounds of {receivers} per turn (default dispatcher) → {receivers} receivers";
        var row = Measure(label, "messages/s received", perReceiver * receivers, trials, TargetFanIn, () =>
        {
            trial.Next(perReceiver, receivers);
            foreach (var sender in senderRefs)
                sender.Tell(spray, ActorRefs.NoSender);
            trial.Done.Wait();
            runs++;
        });
        // Exactness: no receiver got a message more (or fewer) than its share of every trial, warm-ups included.
        foreach (var receiver in receiverRefs)
        {
            var count = receiver.Ask<long>(CountQuery.Instance).Result;
            if (count != perReceiver * runs)
                throw new InvalidOperationException($"fan-in receiver {receiver.Path} counted {count} balls, expected {perReceiver * runs}");
        }
        return row;
    }

    private static ThroughputRow Asks(ActorSystem system, int inFlight, int asks, int trials)
    {
        var echo = system.ActorOf(Props.Create(static () => new EchoActor()));
        var perLoop = asks / inFlight;
        async Task Loop()
        {
            for (var i = 0; i < perLoop; i++)
                if (await echo.Ask<Ball>(Ball.Instance) != Ball.Instance)
                    throw new InvalidOperationException("the echo replied with another message");
        }
        return Measure($"Ask round trips, {inFlight} in flight", "round trips/s", (long)perLoop * inFlight, trials, null, () =>
            Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(Loop))).Wait());
    }

    /// <summary>Two thread-pool work items that queue each other, one in flight: the scheduling floor under ping-pong.</summary>
    private static ThroughputRow ThreadPoolHop(long hops, int trials, bool preferLocal)
    {
        var race = new HopRace(preferLocal);
        var label = preferLocal
            ? "floor: thread-pool hop, 1 work item in flight, local queue (preferLocal: true)"
            : "floor: thread-pool hop, 1 work item in flight, global queue (as the dispatcher queues turns)";
        return Measure(label, "hops/s", hops, trials, null, () =>
        {
            race.Start(hops);
            race.Done.Wait();
        });
    }

    private sealed class HopRace(bool preferLocal)
    {
        private readonly bool _preferLocal = preferLocal;
        private readonly Hop _a = new(), _b = new();
        private long _remaining;
        private TaskCompletionSource _done = new();

        public Task Done => _done.Task;

        public void Start(long hops)
        {
            _a.Race = _b.Race = this;
            _a.Partner = _b;
            _b.Partner = _a;
            _remaining = hops;
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ThreadPool.UnsafeQueueUserWorkItem(_a, preferLocal: false);
        }

        private sealed class Hop : IThreadPoolWorkItem
        {
            public HopRace Race = null!;
            public Hop Partner = null!;

            public void Execute()
            {
                if (--Race._remaining == 0)
                    Race._done.SetResult();
                else
                    ThreadPool.UnsafeQueueUserWorkItem(Partner, Race._preferLocal);
            }
        }
    }

    /// <summary>The mailbox's user queue alone on one thread: enqueue a batch, then dequeue it.</summary>
    private static ThroughputRow QueueAlone(long items, int trials)
    {
        var queue = new MpscQueue<Envelope>();
        var envelope = new Envelope(Ball.Instance, null);
        return Measure("floor: mailbox queue (MpscQueue) enqueue + dequeue, one thread, batches of 1000", "items/s", items, trials, null, () =>
        {
            for (long done = 0; done < items; done += 1000)
            {
                for (var i = 0; i < 1000; i++)
                    queue.Enqueue(envelope);
                for (var i = 0; i < 1000; i++)
                    if (!queue.TryDequeue(out _))
                        throw new InvalidOperationException("the queue lost an item");
            }
        });
    }

    private static ThroughputRow Measure(string name, string unit, long count, int trials, double? target, Action trial)
    {
        // Warm-up: at least three trials and a second, so that the hot paths are at their final tier.
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < 3 || warmup.Elapsed < TimeSpan.FromSeconds(1); i++)
            trial();
        var times = new Samples();
        var rates = new Samples();
        var bytes = new Samples();
        var pauseBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        double totalMs = 0;
        long maxHeap = 0;
        for (var t = 0; t < trials; t++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var start = Stopwatch.GetTimestamp();
            trial();
            var elapsed = Stopwatch.GetElapsedTime(start);
            bytes.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)count);
            times.Add(elapsed.TotalMilliseconds);
            rates.Add(count / elapsed.TotalSeconds);
            totalMs += elapsed.TotalMilliseconds;
            maxHeap = System.Math.Max(maxHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
        }
        // GC pauses between the timed trials (the checks above allocate nothing) are part of the trials' time.
        var pausePercent = 100 * (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / totalMs;
        var collections = Enumerable.Range(0, 3).Select(g => (GC.CollectionCount(g) - collectionsBefore[g]) / (double)trials).ToArray();
        var row = new ThroughputRow(name, unit, count, trials, rates.P10, rates.Median, count / (times.P10 / 1000), times.P10, times.Median,
            bytes.Median, pausePercent, collections[0], collections[1], collections[2], maxHeap / 1e6, target);
        Console.Error.WriteLine($"{name}: p10 {row.P10Rate:F0}, median {row.MedianRate:F0} {unit}");
        return row;
    }

    /// <summary>Creates <paramref name="actors"/> idle actors in a fresh system and divides the heap growth by their number.</summary>
    private static MemoryRow IdleMemory(int actors)
    {
        using var system = ActorSystem.Create("idle");
        var props = Props.Create(static () => new IdleActor());
        var refs = new IActorRef[actors];
        var createdBefore = IdleActor.Created;
        // The system's own first actors and turns are done before the baseline.
        system.ActorOf(props);
        WaitFor(() => IdleActor.Created == createdBefore + 1);
        createdBefore++;
        var (totalBefore, heapBefore) = FullCollection();
        for (var i = 0; i < actors; i++)
            refs[i] = system.ActorOf(props);
        WaitFor(() => IdleActor.Created == createdBefore + actors);
        Thread.Sleep(200); // let the creation turns return their threads
        var (totalAfter, heapAfter) = FullCollection();
        GC.KeepAlive(refs);
        var row = new MemoryRow(actors, (double)(totalAfter - totalBefore) / actors, (double)(heapAfter - heapBefore) / actors,
            TargetBytesPerIdleActor);
        system.Terminate().Wait();
        Console.Error.WriteLine($"idle actor: {row.BytesPerActorTotalMemory:F0} bytes (GetTotalMemory), {row.BytesPerActorHeapSize:F0} bytes (heap size)");
        return row;
    }

    private static (long Total, long Heap) FullCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var total = GC.GetTotalMemory(forceFullCollection: true);
        return (total, GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(1))
                throw new TimeoutException("the actors were not created within a minute");
            Thread.Sleep(10);
        }
    }
}
