using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Actors.Tests.Cluster.Transport;
using ShampooActors.Actors.Training;
using ShampooActors.Testing;

namespace ShampooActors.Actors.Tests.Cluster;

/// <summary>
/// The cluster over a real RabbitMQ broker (a throwaway one shared by the collection), in real time: the tiny job's 11 blocks
/// with steps of 100 ms and roots of 150 ms. Job ids are unique per test.
/// </summary>
[Collection(RealBrokerCollection.Name)]
public sealed class RealBrokerClusterSpec(RealBrokerFixture fixture) : ClusterSpec(TestKitMode.RealTime)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly IBroker _broker = new RabbitMqBroker(fixture.Broker.Settings);

    [Fact]
    public void Malformed_oversized_and_wrong_shape_messages_are_dead_lettered_by_rabbitmq_and_counted_never_applied()
    {
        var job = $"invalid-{_id}";
        var rig = new ClusterRig(Sys, _broker);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        // More workers than blocks: a worker is always free to take an intruder's message at once, before a newer snapshot of
        // its block could replace it in the queue (which would dead-letter it as "maxlen" instead).
        rig.StartNode($"a-{_id}", simulated.Roots, threads: 22, jobs: [job], limits: new WireLimits { MaxMessageBytes = 64 << 10 });
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        var intruder = rig.Connect("intruder");
        void Publish(int afterMs, string exchange, string key, byte[] body) =>
            rig.At(TimeSpan.FromMilliseconds(afterMs), () => ClusterRig.Publish(intruder, exchange, key, body));
        Publish(1000, "", ClusterTopology.BlockQueue(job, 0).Name, [1, 2, 3, 4, 5]);
        Publish(1300, "", ClusterTopology.BlockQueue(job, 1).Name, new byte[100 << 10]);
        Publish(1600, "", ClusterTopology.BlockQueue(job, 2).Name, WireFormat.Encode(new SnapshotMessage(job, 1, Messages.Snapshot(2, 7, size: 5))));
        Publish(1900, ClusterTopology.Roots(job), "", WireFormat.Encode(new RootsMessage(job, 1, "intruder", 1, Messages.Roots(3, 5, size: 3))));

        var finished = Run(ClusterRig.Job(40, rig.Trainer(simulated, metrics, job)));

        Assert.Equal("completed", finished.Outcome);
        AwaitAssert(() => Assert.Equal(4, metrics.Totals().DeadLetters.GetValueOrDefault("rejected")), TimeSpan.FromSeconds(10));
        Assert.Equal(1, metrics.Totals().Invalid);
        Assert.Equal(4, trace.EventsOf<InvalidMessageRejected>().Count);
        Assert.All(trace.EventsOf<RemoteRootsReceived>(), r => Assert.Equal($"a-{_id}", r.Host));
        Assert.Equal(11, trace.AdoptionsPerBlock().Count);
        trace.AssertVersionsMonotonePerBlock();
    }

    [Fact]
    public void Two_concurrent_jobs_on_one_rabbitmq_broker_never_see_each_others_messages()
    {
        var (jobA, jobB) = ($"iso-a-{_id}", $"iso-b-{_id}");
        var rig = new ClusterRig(Sys, _broker);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode($"both-{_id}", simulated.Roots, threads: 11, jobs: [jobA, jobB]);
        rig.StartNode($"b-only-{_id}", simulated.Roots, threads: 11, jobs: [jobB]);
        var (metricsA, metricsB) = (new ClusterMetrics(), new ClusterMetrics());

        Start(ClusterRig.Job(30, rig.Trainer(simulated, metricsA, jobA)), "job-a");
        Start(ClusterRig.Job(30, rig.Trainer(simulated, metricsB, jobB)), "job-b");
        var finished = new[] { Finished(), Finished() };

        Assert.All(finished, f => Assert.Equal("completed", f.Outcome));
        var (totalsA, totalsB) = (metricsA.Totals(), metricsB.Totals());
        Assert.Equal([$"both-{_id}"], totalsA.Hosts.Select(h => h.Host));
        Assert.Equal([$"b-only-{_id}", $"both-{_id}"], totalsB.Hosts.Select(h => h.Host));
        Assert.Equal(0, totalsA.Invalid + totalsB.Invalid + totalsA.Fenced + totalsB.Fenced);
        Assert.Equal(0, totalsA.DeadLetters.GetValueOrDefault("rejected") + totalsB.DeadLetters.GetValueOrDefault("rejected"));
        Assert.True(totalsA.Hosts.Sum(h => h.Computed) >= 11, "job a got fewer roots than blocks");
        Assert.True(totalsB.Hosts.Sum(h => h.Computed) >= 11, "job b got fewer roots than blocks");
    }

    [Fact]
    public void Wrong_credentials_are_one_clear_error()
    {
        var wrong = new RabbitMqBroker(fixture.Broker.Settings with { Password = "not-the-password" });

        var error = Assert.Throws<BrokerAuthenticationException>(() => ClusterRig.Open(wrong, "wrong"));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(fixture.Broker.User, error.Message, StringComparison.Ordinal);
    }


}
