using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Actors.Tests.Training;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;
using ShampooActors.Testing;

namespace ShampooActors.Actors.Tests.Cluster;

/// <summary>
/// Faults of the cluster in virtual time over the in-memory broker (steps of 100 ms; version v's snapshots go at (v − 1)·100 ms):
/// a host killed mid-computation, no host at all, a broker restart. Training never stops.
/// </summary>
public sealed class ClusterFaultSpec : ClusterSpec
{
    [Fact]
    public void A_host_killed_mid_computation_leaves_its_snapshots_to_the_other_which_computes_them_and_the_dead_host_is_declared_unreachable()
    {
        // Version 15 goes at 1400 ms; each host holds about half the blocks, 130 ms each. Host a (whose one heartbeat went at 1 s)
        // dies at 1450 ms: b finishes its own at 1530 ms (adopted before step 17 at 1600 ms), then computes a's, in at 1660 ms
        // (adopted before step 18 at 1700 ms).
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(130));
        rig.StartNode("a", simulated.Roots, threads: 6);
        rig.StartNode("b", simulated.Roots, threads: 6);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        DateTimeOffset? killed = null;
        rig.At(TimeSpan.FromMilliseconds(1450), () =>
        {
            killed = Sys.Scheduler.Now;
            rig.Kill("a");
        });

        var finished = Run(ClusterRig.Job(90, rig.Trainer(simulated, metrics)));

        Assert.Equal("completed", finished.Outcome);
        var firstRoots = trace.EventsOf<RemoteRootsReceived>().Where(r => r.Version == 15).ToArray();
        Assert.Equal(11, firstRoots.Length);
        Assert.All(firstRoots, r => Assert.Equal("b", r.Host));
        var adoptedAt = trace.EventsOf<RootsAdopted>().Where(a => a.Version == 15).Select(a => a.Step).ToArray();
        Assert.Equal(11, adoptedAt.Length);
        Assert.All(adoptedAt, step => Assert.InRange(step, 17, 18));
        Assert.Contains(18L, adoptedAt);
        Assert.Contains(17L, adoptedAt);
        var unreachable = Assert.Single(trace.EventsOf<HostUnreachable>());
        Assert.Equal("a", unreachable.Host);
        // The last heartbeat of a was 450 ms before its death; the detector allows 3 s of pause on top of the mean interval.
        Assert.InRange((unreachable.At - killed!.Value).TotalSeconds, 3 - 0.45, 6.5);
        Assert.Equal([("a", false), ("b", true)], metrics.Totals().Hosts.Select(h => (h.Host, h.Alive)));
        Assert.Empty(trace.EventsOf<FallbackStarted>());
        trace.AssertVersionsMonotonePerBlock();
    }

    [Fact]
    public void Without_any_host_the_trainer_computes_roots_itself_after_fallback_after_and_hands_back_to_a_host_that_joins()
    {
        // Fallback is checked once a second. At 2 s the oldest snapshot (400 ms) has waited 1.6 s ≥ 1 s with no answer: the
        // trainer computes the newest of each block (version 20, sent at 1.9 s) itself. Host a starts at 3.05 s, serves the job from
        // its next announcement (4 s) and answers with version 40 (sent at 3.9 s) at 4.15 s.
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        rig.At(TimeSpan.FromMilliseconds(3050), () => rig.StartNode("a", simulated.Roots, threads: 11));

        var finished = Run(ClusterRig.Job(60, rig.Trainer(simulated, metrics, fallbackAfter: TimeSpan.FromSeconds(1))));

        Assert.Equal("completed", finished.Outcome);
        var origin = trace.Events[0].Event.At;
        var started = Assert.Single(trace.EventsOf<FallbackStarted>());
        Assert.Equal(2000, (started.At - origin).TotalMilliseconds);
        var ended = Assert.Single(trace.EventsOf<FallbackEnded>());
        Assert.Equal(("a", 4150.0), (ended.Host, (ended.At - origin).TotalMilliseconds));
        var remote = trace.EventsOf<RemoteRootsReceived>();
        Assert.Equal(40, remote.Min(r => r.Version));
        // While no host answered, the roots came from this process: versions 20 to 40 of every block (version 40 at 4.05 s, before
        // the host's copy of it, which the registry then ignores).
        var local = trace.EventsOf<RootsPublished>().Where(p => p.At < ended.At).Select(p => p.Version).Distinct().Order();
        Assert.Equal([20L, 25, 30, 35, 40], local);
        Assert.Equal(11, trace.EventsOf<PublicationIgnored>().Count(p => p.Version == 40));
        var totals = metrics.Totals();
        Assert.Equal((1L, false), (totals.Fallbacks, totals.Local));
        trace.AssertVersionsMonotonePerBlock();
    }

    [Fact]
    public void After_a_broker_restart_the_trainer_and_hosts_set_up_again_and_roots_flow_with_the_snapshots_kept_meanwhile()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 6);
        rig.StartNode("b", simulated.Roots, threads: 6);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        rig.At(TimeSpan.FromMilliseconds(1100), rig.Broker.Stop);
        rig.At(TimeSpan.FromMilliseconds(2550), rig.Broker.Start);

        var finished = Run(ClusterRig.Job(60, rig.Trainer(simulated, metrics)));

        Assert.Equal("completed", finished.Outcome);
        var origin = trace.Events[0].Event.At;
        var received = trace.EventsOf<RemoteRootsReceived>();
        // Nothing arrives while the broker is down; afterwards every block's newest kept snapshot (version 25) or a newer one comes back.
        Assert.DoesNotContain(received, r => (r.At - origin).TotalMilliseconds is > 1100 and < 2550);
        var afterRestart = received.Where(r => (r.At - origin).TotalMilliseconds > 2550).ToArray();
        Assert.Equal(11, afterRestart.Select(r => r.Block).Distinct().Count());
        Assert.Equal(25, afterRestart.Min(r => r.Version));
        Assert.Equal(11, trace.AdoptionsPerBlock().Count);
        Assert.All(trace.AdoptionsPerBlock().Values, a => Assert.Equal(55, a[^1].Version));
        Assert.Empty(trace.EventsOf<FallbackStarted>());
        trace.AssertVersionsMonotonePerBlock();
    }

}
