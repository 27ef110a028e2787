using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Trainer;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// <c>cluster-roundtrip [rounds] [sizes]</c>: the round trip of one block, snapshot offered → <see cref="PreconditionerReady"/>
/// at the trainer, through the broker to a real <c>shampoo-actors node</c> process (1 thread) against the in-process
/// <see cref="PreconditionerPool"/> (1 worker), one block in flight, the two interleaved (A, B, B, A, …) with the root's
/// compute time alone and the wire pieces (encode, decode, checksum, validation, chunking, a raw publish of the same bytes)
/// measured in the same rounds. OpenBLAS gets both cores here, as the node gives its one computing thread. Sizes whose messages
/// are over the 16 MiB chunk size (n = 1024: 142 bytes over) also go through a second trainer and node with a 32 MiB chunk size,
/// whole, in the same rounds.
/// </summary>
public static class ClusterRoundTrip
{
    /// <summary>The BENCHMARKS target: transport overhead at n = 512 at most this fraction of the root's compute time.</summary>
    public const double TargetOverhead = 0.15;

    /// <summary>The chunk size of the second trainer and node, under which an n = 1024 block travels whole.</summary>
    public const int WholeChunkBytes = 32 << 20;

    /// <summary>The same size sent whole (chunk size 32 MiB) in the same rounds: round trip and its difference to the in-process one.</summary>
    public sealed record WholeRow(int N, int Pairs, double BrokerP10, double BrokerMedian, double OverheadP10, double OverheadMedian,
        double TransportP10, double TransportMedian, double ChunkedOverWholeP10, double ChunkedOverWholeMedian);

    /// <summary>One size's figures, milliseconds unless named otherwise.</summary>
    public sealed record SizeRow(int N, long SnapshotBytes, long RootsBytes, int SnapshotChunks, int Pairs,
        double BrokerP10, double BrokerMedian, double LocalP10, double LocalMedian,
        double ComputeP10, double ComputeMedian, double NodeComputeP10, double NodeComputeMedian, double LocalComputeMedian,
        double OverheadP10, double OverheadMedian, double PairedOverheadP10, double PairedOverheadMedian,
        double TransportP10, double TransportMedian,
        double OverheadFractionP10, double OverheadFractionMedian, double TransportFractionP10, double TransportFractionMedian,
        Pieces Pieces);

    /// <summary>
    /// The wire pieces at one size (p10 / median ms). Transport = (broker RT − the node's own compute ms) − (in-process RT −
    /// the pool's compute ms), per interleaved pair: the round trip's time outside the root computation on each side.
    /// </summary>
    public sealed record Pieces(Stat EncodeSnapshot, Stat DecodeSnapshot, Stat Checksum, Stat EncodeRoots, Stat DecodeRoots,
        Stat Validation, Stat? Chunking, Stat RawPublishConfirm, Stat RawOneWay, double EstimatedMedian);

    /// <summary>A p10 and a median.</summary>
    public sealed record Stat(double P10, double Median)
    {
        /// <summary>Of <paramref name="samples"/>.</summary>
        public static Stat Of(Samples samples) => new(samples.P10, samples.Median);
    }

    private sealed class PerSize
    {
        public readonly Samples Broker = new(), Local = new(), Compute = new(), NodeCompute = new(), LocalCompute = new();
        public readonly Samples Paired = new(), Transport = new();
        public readonly Samples Whole = new(), WholeTransport = new();
        public readonly Samples EncodeSnapshot = new(), DecodeSnapshot = new(), Checksum = new(), EncodeRoots = new(), DecodeRoots = new();
        public readonly Samples Validation = new(), Chunking = new(), RawConfirm = new(), RawOneWay = new();
        public long SnapshotBytes, RootsBytes;
        public int Chunks;
    }

    /// <summary>Runs it; returns the JSON object and the markdown.</summary>
    public static (object Json, string Markdown) Run(string[] args, string stamp)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var sizes = args.Length > 1 ? args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [128, 512, 1024];
        const int warmupRounds = 2;
        Blas.Threads = Environment.ProcessorCount;
        var loadBefore = ProcessCpu.LoadAverage();
        var clock = Stopwatch.StartNew();
        var job = "rt-" + stamp;
        using var processes = new ClusterProcesses();
        var node = processes.StartNode("rt-node", threads: 1, [job]);
        var wholeJob = job + "-whole";
        var wholeNode = processes.StartNode("rt-node-whole", threads: 1, [wholeJob], $"cluster.chunk-size={WholeChunkBytes}");
        var system = ActorSystem.Create("cluster-roundtrip");
        var waiting = new ConcurrentDictionary<(int Block, long Version), TaskCompletionSource<(PreconditionerReady Ready, long At)>>();
        var collector = system.ActorOf(ReadyCollector.Props((ready, at) =>
        {
            if (waiting.TryRemove((ready.Block, ready.Version), out var done))
                done.TrySetResult((ready, at));
        }), "registry");
        var metrics = new ClusterMetrics();
        var trainerConnection = processes.Connect("bench trainer");
        var localPool = PreconditionerPool.Props(new PreconditioningOptions { Workers = 1 }, LocalRootService.Instance, collector, new PreconditioningMetrics());
        var options = new ClusterOptions(job, "bench-trainer", 1) { FallbackAfter = TimeSpan.FromHours(1) };
        var cluster = system.ActorOf(ClusterPreconditioners.Props(options, trainerConnection, collector, metrics, localPool), "cluster");
        var wholeConnection = processes.Connect("bench trainer whole");
        var wholeOptions = new ClusterOptions(wholeJob, "bench-trainer", 1) { FallbackAfter = TimeSpan.FromHours(1), ChunkBytes = WholeChunkBytes };
        var whole = system.ActorOf(ClusterPreconditioners.Props(wholeOptions, wholeConnection, collector, new ClusterMetrics(), localPool), "cluster-whole");
        var pool = system.ActorOf(PreconditionerPool.Props(new PreconditioningOptions { Workers = 1 }, LocalRootService.Instance, collector, new PreconditioningMetrics()), "pool");
        var sent = new ConcurrentQueue<SnapshotSent>();
        var sentWatcher = system.ActorOf(Props.Create(() => new EventWatcher<SnapshotSent>(sent.Enqueue)), "sent-watcher");
        system.EventStream.Subscribe(sentWatcher, typeof(SnapshotSent));
        using var raw = new RawBroker(processes, stamp);

        var factors = sizes.Select((n, block) => BenchSnapshots.Factors(block, n)).ToArray();
        var versions = new long[sizes.Length];
        var perSize = sizes.Select(_ => new PerSize()).ToArray();

        (double Ms, PreconditionerReady Ready) RoundTrip(IActorRef target, int block)
        {
            var snapshot = BenchSnapshots.Snapshot(block, ++versions[block], factors[block]);
            var done = new TaskCompletionSource<(PreconditionerReady, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting[(block, snapshot.Version)] = done;
            var start = Stopwatch.GetTimestamp();
            target.Tell(snapshot, ActorRefs.NoSender);
            if (!done.Task.Wait(TimeSpan.FromSeconds(120)))
                throw new TimeoutException($"no roots for block {block} (n = {sizes[block]}) version {snapshot.Version} within 120 s; node output: {node.Output}");
            var (ready, at) = done.Task.Result;
            return (Stopwatch.GetElapsedTime(start, at).TotalMilliseconds, ready);
        }

        var pair = 0;
        try
        {
            for (var round = 0; round < warmupRounds + rounds; round++)
            {
                var measured = round >= warmupRounds;
                for (var block = 0; block < sizes.Length; block++)
                {
                    var n = sizes[block];
                    var stats = perSize[block];
                    var reps = n <= 128 ? 6 : n <= 512 ? 2 : 1;
                    for (var rep = 0; rep < reps; rep++, pair++)
                    {
                        // Alternate which of the pair goes first, so neither always follows the other's cache and GC state.
                        var brokerFirst = pair % 2 == 0;
                        var first = RoundTrip(brokerFirst ? cluster : pool, block);
                        var second = RoundTrip(brokerFirst ? pool : cluster, block);
                        var (broker, local) = brokerFirst ? (first, second) : (second, first);
                        // Above the chunk size, the same block whole through the second trainer and node, after the pair.
                        var envelopeBytes = 2L * 8 * n * n + 200;
                        (double Ms, PreconditionerReady Ready)? wholeTrip = envelopeBytes > options.ChunkBytes ? RoundTrip(whole, block) : null;
                        var snapshot = BenchSnapshots.Snapshot(block, versions[block], factors[block]);
                        var computeStart = Stopwatch.GetTimestamp();
                        var roots = ShampooRoots.Compute(snapshot);
                        var compute = Stopwatch.GetElapsedTime(computeStart).TotalMilliseconds;
                        var pieces = WirePieces(job, snapshot, roots, options.ChunkBytes);
                        var rawTimes = raw.Send(pieces.Snapshot);
                        if (!measured)
                            continue;
                        stats.Broker.Add(broker.Ms);
                        stats.Local.Add(local.Ms);
                        stats.Compute.Add(compute);
                        stats.NodeCompute.Add(broker.Ready.ComputeMilliseconds);
                        stats.LocalCompute.Add(local.Ready.ComputeMilliseconds);
                        stats.Paired.Add(broker.Ms - local.Ms);
                        stats.Transport.Add(broker.Ms - broker.Ready.ComputeMilliseconds - (local.Ms - local.Ready.ComputeMilliseconds));
                        if (wholeTrip is { } w)
                        {
                            stats.Whole.Add(w.Ms);
                            stats.WholeTransport.Add(w.Ms - w.Ready.ComputeMilliseconds - (local.Ms - local.Ready.ComputeMilliseconds));
                        }
                        stats.EncodeSnapshot.Add(pieces.EncodeSnapshot);
                        stats.DecodeSnapshot.Add(pieces.DecodeSnapshot);
                        stats.Checksum.Add(pieces.Checksum);
                        stats.EncodeRoots.Add(pieces.EncodeRoots);
                        stats.DecodeRoots.Add(pieces.DecodeRoots);
                        stats.Validation.Add(pieces.Validation);
                        if (pieces.Chunking is { } chunking)
                            stats.Chunking.Add(chunking);
                        stats.RawConfirm.Add(rawTimes.Confirm);
                        stats.RawOneWay.Add(rawTimes.OneWay);
                        stats.SnapshotBytes = pieces.Snapshot.Length;
                        stats.RootsBytes = pieces.RootsBytes;
                    }
                }
                Console.WriteLine($"cluster-roundtrip: round {round + 1}/{warmupRounds + rounds} done at {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        finally
        {
            system.Stop(cluster);
            system.Stop(whole);
            Thread.Sleep(500);
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            trainerConnection.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            wholeConnection.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        }
        foreach (var s in sent)
        {
            var block = s.Block;
            // The whole-message trainer sends the same blocks unchunked: keep the chunked trainer's count.
            if (block < perSize.Length)
                perSize[block].Chunks = System.Math.Max(perSize[block].Chunks, s.Chunks);
        }
        var totals = metrics.Totals();
        var fromNode = totals.Hosts.Sum(h => h.Computed);
        var rows = sizes.Select((n, i) => Row(n, perSize[i])).ToList();
        var wholeRows = sizes.Select((n, i) => (n, s: perSize[i])).Where(x => x.s.Whole.Count > 0).Select(x => new WholeRow(x.n, x.s.Whole.Count,
            x.s.Whole.P10, x.s.Whole.Median, x.s.Whole.P10 - x.s.Local.P10, x.s.Whole.Median - x.s.Local.Median, x.s.WholeTransport.P10, x.s.WholeTransport.Median,
            x.s.Broker.P10 / x.s.Whole.P10, x.s.Broker.Median / x.s.Whole.Median)).ToList();
        var loadAfter = ProcessCpu.LoadAverage();
        var json = new
        {
            rounds, warmup_rounds = warmupRounds, sizes, blas_threads = Blas.Threads, node_threads = 1, load_before = loadBefore, load_after = loadAfter,
            roots_from_node = fromNode, fallbacks = totals.Fallbacks, invalid = totals.Invalid, dead_letters = totals.DeadLetters,
            target_overhead_at_512 = TargetOverhead, rows, whole_chunk_bytes = WholeChunkBytes, whole_rows = wholeRows,
        };
        return (json, Table(rows, wholeRows, rounds, loadBefore, loadAfter, fromNode, totals));
    }

    private static SizeRow Row(int n, PerSize s)
    {
        var pieces = new Pieces(Stat.Of(s.EncodeSnapshot), Stat.Of(s.DecodeSnapshot), Stat.Of(s.Checksum), Stat.Of(s.EncodeRoots), Stat.Of(s.DecodeRoots),
            Stat.Of(s.Validation), s.Chunking.Count > 0 ? Stat.Of(s.Chunking) : null, Stat.Of(s.RawConfirm), Stat.Of(s.RawOneWay),
            // Snapshot: encode, through the broker, decode at the node; roots: encode, through the broker, decode here; chunking both ways.
            s.EncodeSnapshot.Median + s.RawOneWay.Median + s.DecodeSnapshot.Median + s.EncodeRoots.Median + s.RawOneWay.Median + s.DecodeRoots.Median
            + s.Validation.Median + (s.Chunking.Count > 0 ? 2 * s.Chunking.Median : 0));
        return new SizeRow(n, s.SnapshotBytes, s.RootsBytes, s.Chunks, s.Broker.Count,
            s.Broker.P10, s.Broker.Median, s.Local.P10, s.Local.Median,
            s.Compute.P10, s.Compute.Median, s.NodeCompute.P10, s.NodeCompute.Median, s.LocalCompute.Median,
            s.Broker.P10 - s.Local.P10, s.Broker.Median - s.Local.Median, s.Paired.P10, s.Paired.Median,
            s.Transport.P10, s.Transport.Median,
            (s.Broker.P10 - s.Local.P10) / s.Compute.P10, (s.Broker.Median - s.Local.Median) / s.Compute.Median,
            s.Transport.P10 / s.Compute.P10, s.Transport.Median / s.Compute.Median, pieces);
    }

    /// <summary>What one pass over the wire code costs at one size, on this thread.</summary>
    private sealed record PieceTimes(byte[] Snapshot, long RootsBytes, double EncodeSnapshot, double DecodeSnapshot, double Checksum,
        double EncodeRoots, double DecodeRoots, double Validation, double? Chunking);

    private static PieceTimes WirePieces(string job, StatisticsSnapshot snapshot, BlockRoots roots, int chunkBytes)
    {
        var limits = WireLimits.Default;
        var shape = new BlockShape(snapshot.BlockId, snapshot.Factors.Select(f => f.Size).ToArray());
        var start = Stopwatch.GetTimestamp();
        var body = WireFormat.Encode(new SnapshotMessage(job, 1, snapshot));
        var encodeSnapshot = Lap(ref start);
        if (!WireFormat.TryDecode(body, limits, out var decoded, out var error) || decoded is not SnapshotMessage)
            throw new InvalidOperationException($"the snapshot did not decode: {error}");
        var decodeSnapshot = Lap(ref start);
        var crc = Crc32C.Compute(body);
        var checksum = Lap(ref start);
        var rootsBody = WireFormat.Encode(new RootsMessage(job, 1, "bench", 1, roots));
        var encodeRoots = Lap(ref start);
        if (!WireFormat.TryDecode(rootsBody, limits, out var back, out error) || back is not RootsMessage decodedRoots)
            throw new InvalidOperationException($"the roots did not decode: {error}");
        var decodeRoots = Lap(ref start);
        // The trainer's shape check and the preconditioner's (finite, accepted, n×n) check of the roots.
        if (!WireValidation.Matches(decodedRoots.Roots, shape, out error) || PreconditionerActor.Invalid(snapshot, decodedRoots.Roots) is { } invalid)
            throw new InvalidOperationException($"the roots are invalid: {error}");
        var validation = Lap(ref start);
        double? chunking = null;
        if (body.Length > chunkBytes)
        {
            // Split, decode every chunk, reassemble: one direction's extra work for a message above the chunk size.
            var chunks = WireChunks.Split(job, body, chunkBytes, "bench-1");
            var assembler = new ChunkAssembler(limits, 1);
            byte[]? whole = null;
            foreach (var chunk in chunks)
            {
                if (!WireFormat.TryDecode(chunk, limits, out var part, out error) || part is not ChunkMessage piece)
                    throw new InvalidOperationException($"a chunk did not decode: {error}");
                whole = assembler.Add(piece) ?? whole;
            }
            if (whole is null || whole.Length != body.Length)
                throw new InvalidOperationException("the chunks did not reassemble");
            chunking = Lap(ref start);
        }
        GC.KeepAlive(crc);
        return new PieceTimes(body, rootsBody.Length, encodeSnapshot, decodeSnapshot, checksum, encodeRoots, decodeRoots, validation, chunking);
    }

    private static double Lap(ref long start)
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(start, now).TotalMilliseconds;
        start = now;
        return ms;
    }

    private static string Table(List<SizeRow> rows, List<WholeRow> wholeRows, int rounds, double loadBefore, double loadAfter, long fromNode, ClusterTotals totals)
    {
        var text = new StringBuilder();
        var f = CultureInfo.InvariantCulture;
        text.AppendLine(f, $"Round trip of one block (snapshot offered → PreconditionerReady), broker + `shampoo-actors node` (1 thread) vs in-process pool (1 worker), interleaved; {rounds} rounds; load {loadBefore:F1} → {loadAfter:F1}; {fromNode} roots from the node, {totals.Fallbacks} fallbacks, {totals.Invalid} invalid.");
        text.AppendLine();
        text.AppendLine("| n | snapshot bytes | chunks | pairs | broker RT p10 / median ms | in-process RT p10 / median ms | compute alone p10 / median ms | node's compute median ms | overhead (broker − in-process) p10 / median ms | overhead ÷ compute p10 / median | transport (RT outside compute) p10 / median ms | transport ÷ compute p10 / median |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            text.AppendLine(f, $"| {r.N} | {r.SnapshotBytes:N0} | {r.SnapshotChunks} | {r.Pairs} | {r.BrokerP10:F1} / {r.BrokerMedian:F1} | {r.LocalP10:F1} / {r.LocalMedian:F1} | {r.ComputeP10:F1} / {r.ComputeMedian:F1} | {r.NodeComputeMedian:F1} | {r.OverheadP10:F1} / {r.OverheadMedian:F1} | {r.OverheadFractionP10:P0} / {r.OverheadFractionMedian:P0} | {r.TransportP10:F1} / {r.TransportMedian:F1} | {r.TransportFractionP10:P0} / {r.TransportFractionMedian:P0} |");
        }
        if (wholeRows.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(f, $"The same blocks whole (a second trainer and node with chunk size {WholeChunkBytes >> 20} MiB), in the same rounds:");
            text.AppendLine();
            text.AppendLine("| n | samples | broker RT whole p10 / median ms | overhead vs in-process p10 / median ms | transport p10 / median ms | chunked RT ÷ whole RT p10 / median |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var w in wholeRows)
                text.AppendLine(f, $"| {w.N} | {w.Pairs} | {w.BrokerP10:F1} / {w.BrokerMedian:F1} | {w.OverheadP10:F1} / {w.OverheadMedian:F1} | {w.TransportP10:F1} / {w.TransportMedian:F1} | {w.ChunkedOverWholeP10:F2} / {w.ChunkedOverWholeMedian:F2} |");
        }
        text.AppendLine();
        text.AppendLine("Wire pieces, measured on the trainer's thread in the same rounds (p10 / median ms); raw = the snapshot's bytes published to a queue and consumed by a second connection of this process:");
        text.AppendLine();
        text.AppendLine("| n | encode snapshot | decode snapshot (checksum included) | CRC-32C alone | encode roots | decode roots | validate roots | chunk + reassemble (one way) | raw publish → confirm | raw publish → delivered | sum of pieces, median |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var p = r.Pieces;
            string S(Stat s) => string.Create(f, $"{s.P10:F2} / {s.Median:F2}");
            text.AppendLine(f, $"| {r.N} | {S(p.EncodeSnapshot)} | {S(p.DecodeSnapshot)} | {S(p.Checksum)} | {S(p.EncodeRoots)} | {S(p.DecodeRoots)} | {S(p.Validation)} | {(p.Chunking is { } c ? S(c) : "—")} | {S(p.RawPublishConfirm)} | {S(p.RawOneWay)} | {p.EstimatedMedian:F1} |");
        }
        if (rows.FirstOrDefault(r => r.N == 512) is { } at512)
        {
            text.AppendLine();
            var met = at512.OverheadFractionP10 <= TargetOverhead;
            text.AppendLine(f, $"Target at n = 512: overhead ≤ {TargetOverhead:P0} of the root's compute time: {(met ? "met" : "**missed**")} ({at512.OverheadFractionP10:P0} at p10, {at512.OverheadFractionMedian:P0} at the median; the transport alone, node's compute subtracted: {at512.TransportFractionP10:P0} / {at512.TransportFractionMedian:P0}).");
        }
        return text.ToString();
    }

    /// <summary>A publisher and a consumer connection on one queue: what the broker costs for a body, without the cluster's code.</summary>
    private sealed class RawBroker : IDisposable
    {
        private readonly IBrokerConnection _publisher;
        private readonly IBrokerConnection _consumer;
        private readonly IBrokerChannel _out;
        private readonly IBrokerChannel _in;
        private readonly string _queue;
        private TaskCompletionSource<long>? _delivered;

        public RawBroker(ClusterProcesses processes, string stamp)
        {
            _queue = "bench.raw." + stamp;
            _publisher = processes.Connect("bench raw publisher");
            _consumer = processes.Connect("bench raw consumer");
            _out = _publisher.OpenChannelAsync(0).GetAwaiter().GetResult();
            _in = _consumer.OpenChannelAsync(1).GetAwaiter().GetResult();
            _in.DeclareQueueAsync(new QueueSpec(_queue)).GetAwaiter().GetResult();
            _in.ConsumeAsync(_queue, async delivery =>
            {
                var at = Stopwatch.GetTimestamp();
                await _in.AckAsync(delivery.DeliveryTag);
                _delivered?.TrySetResult(at);
            }).GetAwaiter().GetResult();
        }

        /// <summary>Publishes <paramref name="body"/>; the time to the confirm and to the consumer's handler.</summary>
        public (double Confirm, double OneWay) Send(byte[] body)
        {
            var delivered = _delivered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = Stopwatch.GetTimestamp();
            _out.PublishAsync("", _queue, body).GetAwaiter().GetResult();
            var confirm = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!delivered.Task.Wait(TimeSpan.FromSeconds(60)))
                throw new TimeoutException("the raw message was not delivered within 60 s");
            return (confirm, Stopwatch.GetElapsedTime(start, delivered.Task.Result).TotalMilliseconds);
        }

        public void Dispose()
        {
            try
            {
                _in.DeleteQueueAsync(_queue).Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Best effort: the throwaway broker goes anyway.
            }
            _publisher.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            _consumer.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        }
    }
}

/// <summary>Hands every event of type <typeparamref name="T"/> it receives to a callback.</summary>
internal sealed class EventWatcher<T> : ReceiveActor
{
    public EventWatcher(Action<T> onEvent) => Receive<T>(onEvent);
}
