using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Tests.Training;
using ShampooActors.Actors.Training;
using ShampooActors.Testing;

namespace ShampooActors.Actors.Tests.Cluster;

/// <summary>
/// The tiny job (11 blocks) trained against preconditioner hosts over the in-memory broker, in virtual time. Steps take 100 ms:
/// step s runs at (s − 1)·100 ms, and the snapshots of version v (taken in step v) are sent at (v − 1)·100 ms.
/// </summary>
public sealed class ClusterTrainingSpec : ClusterSpec
{
    [Fact]
    public void Two_hosts_share_the_blocks_and_every_root_comes_back_two_steps_later()
    {
        // 12 slots for 11 blocks, 150 ms per root: version v is in at (v − 1)·100 + 150 ms, adopted before step v + 2 at (v + 1)·100 ms.
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 6);
        rig.StartNode("b", simulated.Roots, threads: 6);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);

        var finished = Run(ClusterRig.Job(30, rig.Trainer(simulated, metrics)));

        Assert.Equal(new JobFinished("completed", 30, null), finished);
        var adoptions = trace.AdoptionsPerBlock();
        Assert.Equal(11, adoptions.Count);
        Assert.All(adoptions.Values, a => Assert.Equal([(5L, 7L), (10, 12), (15, 17), (20, 22), (25, 27)], a.Select(x => (x.Version, x.Step))));
        var received = trace.EventsOf<RemoteRootsReceived>();
        Assert.Equal(["a", "b"], received.Select(r => r.Host).Distinct().Order());
        var totals = metrics.Totals();
        Assert.All(totals.RoundTrips, b => Assert.Equal((5, 200.0, 200.0), (b.Count, b.P10, b.P90)));
        Assert.Equal(["a", "b"], totals.Hosts.Where(h => h.Alive).Select(h => h.Host));
        Assert.Equal(received.Count, totals.Hosts.Sum(h => h.Computed));
        Assert.Empty(trace.EventsOf<FallbackStarted>());
        Assert.Empty(trace.EventsOf<InvalidMessageRejected>());
        trace.AssertVersionsMonotonePerBlock();
    }

}
