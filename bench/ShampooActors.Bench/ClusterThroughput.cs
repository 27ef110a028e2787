using System.Diagnostics;
using System.Globalization;
using System.Text;
using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Trainer;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// <c>cluster-throughput [rounds] [seconds] [blocks] [n]</c>: roots per second for a stream of snapshots, every block re-offered
/// the moment its roots come back (so every block always has one snapshot in flight), for a fixed time after a warm-up.
/// Variants, interleaved round by round: the in-process pool with 1 worker (OpenBLAS on both cores) and with 2 workers (OpenBLAS
/// 1 thread each), one <c>shampoo-actors node</c> with 1 thread, two such nodes, one node with 2 threads. Every process's CPU time over the window says what the cores went to.
/// </summary>
public static class ClusterThroughput
{
    /// <summary>One variant's window in one round.</summary>
    public sealed record Window(string Variant, int Round, double Seconds, long Roots, double RootsPerSecond, double ComputeMedianMs, double ComputeP10Ms,
        double TrainerCpu, double NodesCpu, double? BrokerCpu, double CoresBusy, IReadOnlyDictionary<string, long> PerHost, double LoadAverage);

    /// <summary>A variant over the rounds.</summary>
    public sealed record Summary(string Variant, double RootsPerSecondMedian, double RootsPerSecondMin, double RootsPerSecondMax,
        double RatioToInProcessMedian, double ComputeMedianMs, double CoresBusyMedian, double TrainerCpuShare, double NodesCpuShare, double BrokerCpuShare);

    private sealed record Variant(string Key, string Label, string[] Nodes, int LocalWorkers = 1);

    /// <summary>Runs it; returns the JSON object and the markdown.</summary>
    public static (object Json, string Markdown) Run(string[] args, string stamp)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 12;
        var blocks = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        var n = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 256;
        var warmup = TimeSpan.FromSeconds(3);
        Blas.Threads = Environment.ProcessorCount;
        var loadBefore = ProcessCpu.LoadAverage();
        Variant[] variants =
        [
            new("local", "in-process pool, 1 worker", []),
            new("local2", "in-process pool, 2 workers (OpenBLAS 1 thread each)", [], LocalWorkers: 2),
            new("n1", "1 node × 1 thread", ["a"]),
            new("n2", "2 nodes × 1 thread", ["a", "b"]),
            new("n1t2", "1 node × 2 threads", ["c"]),
        ];
        string Job(int round, Variant v) => $"tp-{stamp}-{round}-{v.Key}";

        var factors = Enumerable.Range(0, blocks).Select(b => BenchSnapshots.Factors(b, n)).ToArray();
        // The compute time of one block alone, for the ceiling of one computation at a time.
        var alone = new Samples();
        for (var k = 0; k < 12; k++)
        {
            var start = Stopwatch.GetTimestamp();
            ShampooRoots.Compute(BenchSnapshots.Snapshot(k % blocks, 1, factors[k % blocks]));
            if (k >= 2)
                alone.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        using var processes = new ClusterProcesses();
        var hosts = new Dictionary<string, NodeProcess>
        {
            ["a"] = processes.StartNode("tp-a", 1, Enumerable.Range(0, rounds).SelectMany(r => new[] { Job(r, variants[2]), Job(r, variants[3]) }).ToArray()),
            ["b"] = processes.StartNode("tp-b", 1, Enumerable.Range(0, rounds).Select(r => Job(r, variants[3])).ToArray()),
            ["c"] = processes.StartNode("tp-c", 2, Enumerable.Range(0, rounds).Select(r => Job(r, variants[4])).ToArray()),
        };
        var windows = new List<Window>();
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            // Rotate the order so that no variant always runs first or after the same one.
            for (var k = 0; k < variants.Length; k++)
            {
                var variant = variants[(k + round) % variants.Length];
                windows.Add(RunWindow(variant, round, Job(round, variant), processes, hosts, factors, warmup, TimeSpan.FromSeconds(seconds)));
                Console.WriteLine($"cluster-throughput: round {round + 1}/{rounds} {variant.Label}: {windows[^1].RootsPerSecond:F1} roots/s ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }
        var loadAfter = ProcessCpu.LoadAverage();
        var local = windows.Where(w => w.Variant == variants[0].Label).ToList();
        var summaries = variants.Select(v =>
        {
            var mine = windows.Where(w => w.Variant == v.Label).ToList();
            var rates = Samples.Of(mine.Select(w => w.RootsPerSecond));
            // Ratios within a round (side by side), then their median.
            var ratios = Samples.Of(mine.Select(w => w.RootsPerSecond / local.Single(l => l.Round == w.Round).RootsPerSecond));
            var cpu = mine.Sum(w => w.TrainerCpu + w.NodesCpu + (w.BrokerCpu ?? 0));
            return new Summary(v.Label, rates.Median, mine.Min(w => w.RootsPerSecond), mine.Max(w => w.RootsPerSecond), ratios.Median,
                Samples.Of(mine.Select(w => w.ComputeMedianMs)).Median, Samples.Of(mine.Select(w => w.CoresBusy)).Median,
                mine.Sum(w => w.TrainerCpu) / cpu, mine.Sum(w => w.NodesCpu) / cpu, mine.Sum(w => w.BrokerCpu ?? 0) / cpu);
        }).ToList();
        var json = new
        {
            rounds, seconds, warmup_seconds = warmup.TotalSeconds, blocks, n, blas_threads_trainer = Blas.Threads, cores = Environment.ProcessorCount,
            compute_alone_p10_ms = alone.P10, compute_alone_median_ms = alone.Median, load_before = loadBefore, load_after = loadAfter,
            broker_cpu_known = processes.BrokerPid is not null, summaries, windows,
        };
        return (json, Table(summaries, windows, rounds, seconds, blocks, n, alone, loadBefore, loadAfter));
    }

    private static Window RunWindow(Variant variant, int round, string job, ClusterProcesses processes, Dictionary<string, NodeProcess> hosts,
        FactorStatistics[][] factors, TimeSpan warmup, TimeSpan window)
    {
        // Two in-process workers get two numeric threads and one OpenBLAS thread each, as a node with 2 threads does.
        var system = ActorSystem.Create("cluster-throughput", ShampooActors.Configuration.Config.Parse($"actors.dispatchers.numeric.threads = {variant.LocalWorkers}"));
        Blas.Threads = System.Math.Max(1, Environment.ProcessorCount / variant.LocalWorkers);
        var versions = new long[factors.Length];
        var counting = false;
        var stopped = false;
        long roots = 0;
        var compute = new List<double>();
        IActorRef target = ActorRefs.Nobody;
        var collector = system.ActorOf(ReadyCollector.Props((ready, _) =>
        {
            if (Volatile.Read(ref stopped))
                return;
            if (Volatile.Read(ref counting))
            {
                roots++;
                compute.Add(ready.ComputeMilliseconds);
            }
            var block = ready.Block;
            target.Tell(BenchSnapshots.Snapshot(block, ++versions[block], factors[block]), ActorRefs.NoSender);
        }), "registry");
        var metrics = new ClusterMetrics();
        var connection = variant.Nodes.Length > 0 ? processes.Connect("bench trainer " + variant.Key) : null;
        var poolProps = PreconditionerPool.Props(new PreconditioningOptions { Workers = variant.LocalWorkers }, LocalRootService.Instance, collector, new PreconditioningMetrics());
        target = connection is null
            ? system.ActorOf(poolProps, "pool")
            : system.ActorOf(ClusterPreconditioners.Props(new ClusterOptions(job, "bench-trainer", 1) { FallbackAfter = TimeSpan.FromHours(1) }, connection, collector, metrics, poolProps), "cluster");
        for (var block = 0; block < factors.Length; block++)
            target.Tell(BenchSnapshots.Snapshot(block, ++versions[block], factors[block]), ActorRefs.NoSender);
        Thread.Sleep(warmup);
        var mine = variant.Nodes.Select(k => hosts[k]).ToList();
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var (trainer0, nodes0, broker0) = (self.TotalProcessorTime.TotalSeconds, mine.Sum(h => h.CpuSeconds()), processes.BrokerCpuSeconds());
        var hosts0 = metrics.Totals().Hosts.ToDictionary(h => h.Host, h => h.Computed);
        Volatile.Write(ref counting, true);
        var start = Stopwatch.GetTimestamp();
        Thread.Sleep(window);
        Volatile.Write(ref counting, false);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        self.Refresh();
        var (trainer1, nodes1, broker1) = (self.TotalProcessorTime.TotalSeconds, mine.Sum(h => h.CpuSeconds()), processes.BrokerCpuSeconds());
        var perHost = metrics.Totals().Hosts.ToDictionary(h => h.Host, h => h.Computed - hosts0.GetValueOrDefault(h.Host));
        Volatile.Write(ref stopped, true);
        var load = ProcessCpu.LoadAverage();
        system.Stop(target);
        Thread.Sleep(300);
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        connection?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        // Let the hosts finish what they hold before the next variant measures.
        Thread.Sleep(1000);
        Blas.Threads = Environment.ProcessorCount;
        var counted = Interlocked.Read(ref roots);
        var times = Samples.Of(compute.ToArray());
        double? brokerCpu = broker0 is { } b0 && broker1 is { } b1 ? b1 - b0 : null;
        var busy = (trainer1 - trainer0 + nodes1 - nodes0 + (brokerCpu ?? 0)) / elapsed;
        return new Window(variant.Label, round, elapsed, counted, counted / elapsed, times.Count > 0 ? times.Median : double.NaN, times.Count > 0 ? times.P10 : double.NaN,
            trainer1 - trainer0, nodes1 - nodes0, brokerCpu, busy, perHost, load);
    }

    private static string Table(List<Summary> summaries, List<Window> windows, int rounds, double seconds, int blocks, int n, Samples alone, double loadBefore, double loadAfter)
    {
        var f = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(f, $"Refresh throughput: {blocks} blocks of {n}×{n} (two factors of {n}), each re-offered as soon as its roots return; {rounds} rounds × {seconds:F0} s per variant after a 3 s warm-up, variants interleaved; {Environment.ProcessorCount} cores; load {loadBefore:F1} → {loadAfter:F1}. One root alone (in-process, OpenBLAS {Blas.Threads} threads): p10 {alone.P10:F1} ms, median {alone.Median:F1} ms (= {1000 / alone.P10:F0} roots/s at p10).");
        text.AppendLine();
        text.AppendLine("| variant | roots/s median (min–max) | ÷ in-process, same round (median) | root compute median ms under load | cores busy (all processes) | CPU: trainer-side process / nodes / broker |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var s in summaries)
            text.AppendLine(f, $"| {s.Variant} | {s.RootsPerSecondMedian:F1} ({s.RootsPerSecondMin:F1}–{s.RootsPerSecondMax:F1}) | {s.RatioToInProcessMedian:F2}× | {s.ComputeMedianMs:F1} | {s.CoresBusyMedian:F2} | {s.TrainerCpuShare:P0} / {s.NodesCpuShare:P0} / {s.BrokerCpuShare:P0} |");
        text.AppendLine();
        text.AppendLine("| round | variant | roots/s | roots per host | trainer CPU s | nodes CPU s | broker CPU s | CPU ms per root: trainer / nodes / broker | load |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var w in windows)
        {
            var perRoot = string.Create(f, $"{1e3 * w.TrainerCpu / w.Roots:F1} / {1e3 * w.NodesCpu / w.Roots:F1} / {1e3 * (w.BrokerCpu ?? double.NaN) / w.Roots:F1}");
            text.AppendLine(f, $"| {w.Round} | {w.Variant} | {w.RootsPerSecond:F1} | {string.Join(", ", w.PerHost.Select(h => $"{h.Key} {h.Value}"))} | {w.TrainerCpu:F1} | {w.NodesCpu:F1} | {(w.BrokerCpu is { } b ? b.ToString("F1", f) : "—")} | {perRoot} | {w.LoadAverage:F1} |");
        }
        return text.ToString();
    }
}
