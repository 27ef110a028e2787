using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Actors.Tests.Training;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;
using ShampooActors.Testing;

namespace ShampooActors.Actors.Tests.Cluster;

/// <summary>
/// The protocol's guarantees in virtual time over the in-memory broker (steps of 100 ms; version v's snapshots go at
/// (v − 1)·100 ms): validation and dead-lettering, fencing, job isolation, conflation at the broker, chunking.
/// </summary>
public sealed class ClusterProtocolSpec : ClusterSpec
{
    [Fact]
    public void Malformed_oversized_and_wrong_shape_messages_are_dead_lettered_and_counted_never_applied()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 11, limits: new WireLimits { MaxMessageBytes = 64 << 10 });
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        var intruder = rig.Connect("intruder");
        rig.At(TimeSpan.FromMilliseconds(450), () => ClusterRig.Publish(intruder, "", "shampoo.job-a.block.0", [1, 2, 3, 4, 5]));
        rig.At(TimeSpan.FromMilliseconds(460), () => ClusterRig.Publish(intruder, "", "shampoo.job-a.block.1", new byte[100 << 10]));
        rig.At(TimeSpan.FromMilliseconds(470), () => ClusterRig.Publish(intruder, "", "shampoo.job-a.block.2",
            WireFormat.Encode(new SnapshotMessage("job-a", 1, Messages.Snapshot(2, 7, size: 5)))));
        rig.At(TimeSpan.FromMilliseconds(480), () => ClusterRig.Publish(intruder, ClusterTopology.Roots("job-a"), "",
            WireFormat.Encode(new RootsMessage("job-a", 1, "intruder", 1, Messages.Roots(3, 5, size: 3)))));

        var finished = Run(ClusterRig.Job(30, rig.Trainer(simulated, metrics)));

        Assert.Equal("completed", finished.Outcome);
        var rejected = trace.EventsOf<InvalidMessageRejected>();
        Assert.Equal(["shampoo.job-a.block.0", "shampoo.job-a.block.1", "shampoo.job-a.block.2", "shampoo.job-a.roots.trainer-job-a"],
            rejected.Select(r => r.Queue).Order());
        var totals = metrics.Totals();
        Assert.Equal(4, totals.DeadLetters.GetValueOrDefault("rejected"));
        Assert.Equal(1, totals.Invalid);
        // Nothing of the intruder's was applied: every adopted root is a version the trainer sent, computed by host a.
        Assert.All(trace.EventsOf<RemoteRootsReceived>(), r => Assert.Equal("a", r.Host));
        Assert.Equal(11, trace.AdoptionsPerBlock().Count);
        Assert.All(trace.AdoptionsPerBlock().Values, a => Assert.Equal([5L, 10, 15, 20, 25], a.Select(x => x.Version)));
    }

    [Fact]
    public void Roots_of_an_older_epoch_are_fenced_off_and_a_late_older_version_never_replaces_a_newer_root()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 11);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        var zombie = rig.Connect("zombie");
        // An earlier incarnation of the trainer (epoch 1) had reached version 25 of block 0; this one runs in epoch 2.
        rig.At(TimeSpan.FromMilliseconds(1000), () => ClusterRig.Publish(zombie, ClusterTopology.Roots("job-a"), "",
            WireFormat.Encode(new RootsMessage("job-a", 1, "zombie", 1, Messages.Roots(0, 25, size: 4)))));
        // A zombie host publishes block 1's version 5 after version 10 was adopted (before step 12, at 1.1 s).
        rig.At(TimeSpan.FromMilliseconds(1150), () => ClusterRig.Publish(zombie, ClusterTopology.Roots("job-a"), "",
            WireFormat.Encode(new RootsMessage("job-a", 2, "zombie", 1, Messages.Roots(1, 5, size: 4)))));

        var finished = Run(ClusterRig.Job(20, rig.Trainer(simulated, metrics, epoch: 2)));

        Assert.Equal("completed", finished.Outcome);
        var fenced = Assert.Single(trace.EventsOf<FencedRootsIgnored>());
        Assert.Equal((0, 25L, 1L, 2L), (fenced.Block, fenced.Version, fenced.Epoch, fenced.CurrentEpoch));
        Assert.Equal([5L, 10, 15], trace.AdoptionsOf(0).Select(a => a.Version));
        var ignored = Assert.Single(trace.EventsOf<PublicationIgnored>());
        Assert.Equal((1, 5L, 10L), (ignored.Block, ignored.Version, ignored.Current));
        Assert.Equal([5L, 10, 15], trace.AdoptionsOf(1).Select(a => a.Version));
        Assert.Equal(1, metrics.Totals().Fenced);
        trace.AssertVersionsMonotonePerBlock();
    }

    [Fact]
    public void Two_jobs_on_one_broker_never_see_each_others_messages()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("both", simulated.Roots, threads: 11);
        rig.StartNode("b-only", simulated.Roots, threads: 11, jobs: ["job-b"]);
        var (metricsA, metricsB) = (new ClusterMetrics(), new ClusterMetrics());
        using var trace = DeliveryTrace.Attach(Sys);

        Start(ClusterRig.Job(20, rig.Trainer(simulated, metricsA, "job-a")), "job-a");
        Start(ClusterRig.Job(20, rig.Trainer(simulated, metricsB, "job-b")), "job-b");
        var finished = new[] { Finished(), Finished() };

        Assert.All(finished, f => Assert.Equal("completed", f.Outcome));
        var (totalsA, totalsB) = (metricsA.Totals(), metricsB.Totals());
        Assert.Equal(["both"], totalsA.Hosts.Select(h => h.Host));
        Assert.Equal(["b-only", "both"], totalsB.Hosts.Select(h => h.Host));
        Assert.Equal((0L, 0L, 0L), (totalsA.Invalid + totalsB.Invalid, totalsA.Fenced + totalsB.Fenced, totalsA.DeadLetters.Values.Sum() + totalsB.DeadLetters.Values.Sum()));
        Assert.Equal(33, totalsA.Hosts.Sum(h => h.Computed));
        Assert.Equal(33, totalsB.Hosts.Sum(h => h.Computed));
        Assert.Empty(trace.EventsOf<InvalidMessageRejected>());
    }

    [Fact]
    public void A_block_queue_holds_only_the_newest_snapshot_and_the_replaced_ones_are_counted()
    {
        // One slot, 600 ms per root, 11 blocks due every 500 ms: most snapshots wait, and a newer one replaces the waiting one.
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(600));
        rig.StartNode("slow", simulated.Roots, threads: 1);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        var most = 0;
        for (var t = 450; t < 4000; t += 100)
            rig.At(TimeSpan.FromMilliseconds(t), () => most = System.Math.Max(most,
                Enumerable.Range(0, 11).Max(b => rig.Broker.QueueState(ClusterTopology.BlockQueue("job-a", b).Name)?.Ready ?? 0)));

        var finished = Run(ClusterRig.Job(40, rig.Trainer(simulated, metrics)));

        Assert.Equal("completed", finished.Outcome);
        Assert.Equal(1, most);
        var sent = trace.EventsOf<SnapshotSent>().Count;
        var computed = trace.EventsOf<RemoteRootsReceived>().Count;
        var replaced = metrics.Totals().DeadLetters.GetValueOrDefault("maxlen");
        Assert.True(replaced > 0, "no snapshot was replaced");
        // Every snapshot sent was computed, replaced in its queue, or is still waiting (at most one per block) or in hand (one).
        Assert.InRange(sent - computed - replaced, 0, 12);
        trace.AssertVersionsMonotonePerBlock();
    }

    [Fact]
    public void Snapshots_and_roots_larger_than_the_chunk_size_travel_in_chunks_and_their_chunk_queues_are_removed()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 11, chunkBytes: 100);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);

        var finished = Run(ClusterRig.Job(30, rig.Trainer(simulated, metrics, chunkBytes: 100)));

        Assert.Equal("completed", finished.Outcome);
        Assert.All(trace.EventsOf<SnapshotSent>(), s => Assert.True(s.Chunks > 1, $"block {s.Block} version {s.Version} went in {s.Chunks} chunks"));
        Assert.Equal(11, trace.AdoptionsPerBlock().Count);
        Assert.All(trace.AdoptionsPerBlock().Values, a => Assert.Equal([(5L, 7L), (10, 12), (15, 17), (20, 22), (25, 27)], a.Select(x => (x.Version, x.Step))));
        Assert.Empty(trace.EventsOf<InvalidMessageRejected>());
        // A host deletes a chunk queue once it has read it; those of snapshots still waiting at the end expire on the broker.
        static int ChunkQueues(ClusterRig rig) => rig.Broker.QueueNames.Count(q => q.Contains(".chunks.", StringComparison.Ordinal));
        Assert.InRange(ChunkQueues(rig), 0, 11);
        Advance(ClusterTopology.ChunkQueueExpiry);
        Assert.Equal(0, ChunkQueues(rig));
    }



}
