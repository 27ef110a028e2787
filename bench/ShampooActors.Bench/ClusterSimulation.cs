using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Node;
using ShampooActors.Actors.Cluster.Trainer;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;
using ShampooActors.Testing;

namespace ShampooActors.Bench;

/// <summary>
/// The real cluster actors in virtual time: one <see cref="ClusterPreconditioners"/> and <c>Hosts</c> <see cref="PreconditionerNode"/>s
/// over an <see cref="InMemoryBroker"/>, every root taking <c>HostPerBlock</c> on a <see cref="SimulatedRootService"/> (the real
/// roots of 2×2 identity stand-in factors, computed in microseconds: the figures are the delays', not the matrices'; the
/// service's identity roots carry ridge 0, which the wire validation rejects), and the trainer's wire work standing as
/// delays on its publishes (<c>TrainerSend</c> per snapshot) and on its acknowledgements of roots (<c>TrainerReceive</c>).
/// A refresh offers every block's next version at once and ends when the last block's roots reach the registry.
/// </summary>
public static class ClusterSimulation
{
    /// <summary>One case: hosts × threads, blocks, and the per-block times.</summary>
    public sealed record Case(int Hosts, int Threads, int Blocks, TimeSpan HostPerBlock, TimeSpan TrainerSend, TimeSpan TrainerReceive);

    /// <summary>
    /// What happened: the first refresh (hosts just serving the new blocks) and the second (steady state), in virtual seconds;
    /// fallbacks to local roots, hosts declared unreachable by the trainer, and times a host stopped serving the job as silent.
    /// </summary>
    public sealed record Result(Case Case, double FirstRefreshSeconds, double RefreshSeconds, long RootsFromHosts, long Fallbacks, int HostsUnreachable,
        int JobWentSilent, double WallSeconds);

    private const string Job = "sim";

    /// <summary>Runs <paramref name="c"/>; gives up on a refresh after <paramref name="limit"/> of virtual time.</summary>
    public static Result Run(Case c, TimeSpan limit)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var time = new VirtualTime();
        var system = ActorSystem.Create("sim", null, time.Setup());
        try
        {
            TimeSpan Now() => system.Scheduler.Now - DateTimeOffset.UnixEpoch;
            var broker = new InMemoryBroker(Now);
            var service = new SimulatedRootService(system.Scheduler.Clock, DelayModel.Constant(c.HostPerBlock), roots: SimulatedRoots.Real);
            for (var h = 0; h < c.Hosts; h++)
            {
                var nodeConnection = broker.ConnectAsync($"node {h}").GetAwaiter().GetResult();
                system.ActorOf(PreconditionerNode.Props(new NodeOptions($"h{h}", 1) { Threads = c.Threads }, nodeConnection, service), $"node-{h}");
            }
            var blockPrefix = ClusterTopology.BlockQueue(Job, 0).Name[..^1];
            var rootsQueue = ClusterTopology.TrainerRootsQueue(Job, "trainer").Name;
            var connection = new DelayedConnection(broker.ConnectAsync("trainer").GetAwaiter().GetResult(), system.Scheduler.Clock,
                (exchange, key) => exchange.Length == 0 && key.StartsWith(blockPrefix, StringComparison.Ordinal) ? c.TrainerSend : TimeSpan.Zero,
                queue => queue == rootsQueue ? c.TrainerReceive : TimeSpan.Zero);
            var seen = new HashSet<(int Block, long Version)>();
            var perVersion = new Dictionary<long, int>();
            var registry = system.ActorOf(ReadyCollector.Props((ready, _) =>
            {
                if (seen.Add((ready.Block, ready.Version)))
                    perVersion[ready.Version] = perVersion.GetValueOrDefault(ready.Version) + 1;
            }), "registry");
            var silent = 0;
            var unreachable = 0;
            var watcher = system.ActorOf(Props.Create(() => new EventWatcher<object>(e =>
            {
                if (e is HostUnreachable)
                    unreachable++;
                else if (e is LogEvent log && log.Message.Contains("went silent", StringComparison.Ordinal))
                    silent++;
            })), "watcher");
            system.EventStream.Subscribe(watcher, typeof(HostUnreachable));
            system.EventStream.Subscribe(watcher, typeof(LogEvent));
            var metrics = new ClusterMetrics();
            var local = PreconditionerPool.Props(new PreconditioningOptions { Workers = 1 }, service, registry, new PreconditioningMetrics());
            var cluster = system.ActorOf(ClusterPreconditioners.Props(new ClusterOptions(Job, "trainer", 1), connection, registry, metrics, local), "cluster");
            // The hosts connect and listen for announcements before the job starts.
            time.Advance(TimeSpan.FromSeconds(2));
            var factors = new[] { new FactorStatistics(2, 4, [1.0, 0, 0, 1]), new FactorStatistics(2, 4, [1.0, 0, 0, 1]) };

            double Refresh(long version)
            {
                var start = time.Elapsed;
                for (var block = 0; block < c.Blocks; block++)
                    cluster.Tell(new StatisticsSnapshot(block, version, factors, new RootOptions()), ActorRefs.NoSender);
                return time.RunUntil(() => perVersion.GetValueOrDefault(version) == c.Blocks, limit)
                    ? (time.Elapsed - start).TotalSeconds
                    : double.PositiveInfinity;
            }

            var first = Refresh(1);
            var second = Refresh(2);
            var totals = metrics.Totals();
            return new Result(c, first, second, totals.Hosts.Sum(h => h.Computed), totals.Fallbacks, unreachable, silent, wall.Elapsed.TotalSeconds);
        }
        finally
        {
            var terminated = system.Terminate();
            for (var k = 0; k < 100 && !terminated.IsCompleted; k++)
                time.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
