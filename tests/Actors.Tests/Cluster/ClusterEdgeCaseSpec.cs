using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Trainer;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Tests.Training;
using ShampooActors.Actors.Training;
using ShampooActors.Testing;

namespace ShampooActors.Actors.Tests.Cluster;

/// <summary>
/// The protocol's edge cases in virtual time over the in-memory broker: chunk ids across workers, snapshots lost with a
/// broker restart, expired chunk queues, queues of a dead trainer, a broker that stops confirming, replaced chunked
/// snapshots, two hosts under one name, a block no host takes, the goodbye of an older epoch.
/// </summary>
public sealed class ClusterEdgeCaseSpec : ClusterSpec
{
    // Every worker of a host names its chunked roots apart, so the trainer reassembles each of them.
    [Fact]
    public void Chunked_roots_from_a_host_with_several_threads_reach_the_trainer_for_every_block()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 11, chunkBytes: 100);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);

        var finished = Run(ClusterRig.Job(30, rig.Trainer(simulated, metrics, chunkBytes: 100)));

        Assert.Equal("completed", finished.Outcome);
        Assert.Equal(11, trace.AdoptionsPerBlock().Count);
        Assert.Equal(55, trace.EventsOf<RemoteRootsReceived>().Count);
    }

    // Snapshots in a block queue or in hand at a host go with a broker restart: the trainer sends every waiting block again.
    [Fact]
    public void A_snapshot_in_flight_when_the_broker_restarts_is_sent_again_and_computed()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 6);
        rig.StartNode("b", simulated.Roots, threads: 6);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        // Version 25 goes at 2.4 s and is in hand at the hosts (150 ms) when the broker restarts at 2.45–2.5 s.
        rig.At(TimeSpan.FromMilliseconds(2450), rig.Broker.Stop);
        rig.At(TimeSpan.FromMilliseconds(2500), rig.Broker.Start);

        var finished = Run(ClusterRig.Job(30, rig.Trainer(simulated, metrics)));

        Assert.Equal("completed", finished.Outcome);
        Assert.All(Enumerable.Range(0, 11), b => Assert.Contains(trace.AdoptionsOf(b), a => a.Version == 25));
    }

    // A ticket whose chunk queue is gone (expired, or never there) is dead-lettered; the worker goes on.
    [Fact]
    public void A_chunk_ticket_whose_chunk_queue_is_gone_is_dead_lettered_not_a_worker_crash()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 2);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        var errors = new List<string>();
        Sys.EventStream.Subscribe(Sys.ActorOf(Props.Create(() => new ErrorSink(errors))), typeof(LogEvent));
        var intruder = rig.Connect("intruder");
        rig.At(TimeSpan.FromMilliseconds(700), () => ClusterRig.Publish(intruder, "", "shampoo.job-a.block.0",
            WireFormat.Encode(new ChunkTicket("job-a", 0, 6, 1, "shampoo.job-a.chunks.expired", "gone-1", 2))));

        var finished = Run(ClusterRig.Job(30, rig.Trainer(simulated, metrics)));

        Assert.Equal("completed", finished.Outcome);
        Assert.Empty(errors);
        Assert.Contains(trace.EventsOf<InvalidMessageRejected>(), r => r.Queue == "shampoo.job-a.block.0");
    }

    // Block queues expire once unused, so a trainer that dies leaves nothing on the broker for long.
    [Fact]
    public void The_block_queues_of_a_trainer_that_died_do_not_stay_on_the_broker_forever()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 11);
        var metrics = new ClusterMetrics();
        var connection = rig.Connect("trainer");
        var options = new ClusterOptions("job-a", "trainer-job-a", 1);
        var services = simulated with { Preconditioners = side => ClusterPreconditioners.Props(options, connection, side.PublishTo, metrics, side.LocalPool) };

        Assert.Equal("completed", Run(ClusterRig.Job(20, services)).Outcome);
        rig.Broker.Disconnect(connection); // kill -9 of the trainer process
        Advance(TimeSpan.FromHours(1));

        Assert.DoesNotContain(rig.Broker.QueueNames, q => q.StartsWith("shampoo.job-a.block.", StringComparison.Ordinal));
    }

    // A broker that stops confirming (a memory or disk alarm) cannot hold the trainer: its operations time out and it falls back.
    [Fact]
    public void When_the_broker_stops_confirming_publishes_the_trainer_still_falls_back_to_local_roots()
    {
        var rig = new ClusterRig(Sys);
        var hanging = new HangingBroker(rig.Broker);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 11);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        rig.At(TimeSpan.FromMilliseconds(1050), () => hanging.Hang = true);
        var connection = ClusterRig.Open(hanging, "trainer");
        var options = new ClusterOptions("job-a", "trainer-job-a", 1) { FallbackAfter = TimeSpan.FromSeconds(1) };
        var services = simulated with { Preconditioners = side => ClusterPreconditioners.Props(options, connection, side.PublishTo, metrics, side.LocalPool) };

        var finished = Run(ClusterRig.Job(60, services));

        Assert.Equal("completed", finished.Outcome);
        Assert.NotEmpty(trace.EventsOf<FallbackStarted>());
        Assert.All(trace.AdoptionsPerBlock().Values, a => Assert.True(a[^1].Version >= 40, $"newest adopted {a[^1].Version}"));
    }

    // A ticket replaced in its block queue has its chunk queue deleted by the trainer when the dead letter comes back.
    [Fact]
    public void Replaced_chunked_snapshots_do_not_pile_up_on_the_broker()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(600));
        rig.StartNode("slow", simulated.Roots, threads: 1, chunkBytes: 100);
        var metrics = new ClusterMetrics();
        var most = 0;
        for (var t = 450; t < 4000; t += 100)
            rig.At(TimeSpan.FromMilliseconds(t), () => most = System.Math.Max(most, rig.Broker.QueueNames.Count(q => q.Contains(".chunks.", StringComparison.Ordinal))));

        Assert.Equal("completed", Run(ClusterRig.Job(40, rig.Trainer(simulated, metrics, chunkBytes: 100))).Outcome);

        Assert.InRange(most, 0, 12); // about one per block: the waiting snapshots, not the replaced ones
    }

    // Two processes under one host name: the newer incarnation counts, and the host joins once.
    [Fact]
    public void Two_hosts_under_one_name_do_not_make_the_trainer_report_a_join_on_every_heartbeat()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("gpu", simulated.Roots, threads: 6, incarnation: 1);
        rig.StartNode("gpu", simulated.Roots, threads: 6, incarnation: 2);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);

        Assert.Equal("completed", Run(ClusterRig.Job(60, rig.Trainer(simulated, metrics))).Outcome);

        Assert.InRange(trace.EventsOf<HostJoined>().Count, 1, 2);
    }


    private sealed class ErrorSink : ReceiveActor
    {
        public ErrorSink(List<string> errors) => Receive<LogEvent>(e =>
        {
            if (e.Level >= LogLevel.Error)
                lock (errors) errors.Add(e.Message);
        });
    }

    /// <summary>A broker whose publishes to block queues never complete once <see cref="Hang"/> is set.</summary>
    private sealed class HangingBroker(IBroker inner) : IBroker
    {
        public volatile bool Hang;

        public async Task<IBrokerConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default) =>
            new Connection(await inner.ConnectAsync(clientName, cancellationToken), this);

        private sealed class Connection(IBrokerConnection inner, HangingBroker broker) : IBrokerConnection
        {
            public string ClientName => inner.ClientName;
            public bool IsOpen => inner.IsOpen;
            public event Action<BrokerConnectionState>? StateChanged { add => inner.StateChanged += value; remove => inner.StateChanged -= value; }
            public async Task<IBrokerChannel> OpenChannelAsync(int prefetch, CancellationToken cancellationToken = default) =>
                new Channel(await inner.OpenChannelAsync(prefetch, cancellationToken), broker);
            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }

        private sealed class Channel(IBrokerChannel inner, HangingBroker broker) : IBrokerChannel
        {
            public Task DeclareExchangeAsync(string name, ExchangeKind kind, CancellationToken ct = default) => inner.DeclareExchangeAsync(name, kind, ct);
            public Task DeclareQueueAsync(QueueSpec spec, CancellationToken ct = default) => inner.DeclareQueueAsync(spec, ct);
            public Task BindQueueAsync(string queue, string exchange, string routingKey, CancellationToken ct = default) => inner.BindQueueAsync(queue, exchange, routingKey, ct);
            public Task DeleteQueueAsync(string queue, CancellationToken ct = default) => inner.DeleteQueueAsync(queue, ct);
            public Task PublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, CancellationToken ct = default) =>
                broker.Hang && exchange.Length == 0 ? new TaskCompletionSource().Task : inner.PublishAsync(exchange, routingKey, body, ct);
            public Task<string> ConsumeAsync(string queue, Func<BrokerDelivery, Task> onDelivery, CancellationToken ct = default) => inner.ConsumeAsync(queue, onDelivery, ct);
            public Task CancelConsumerAsync(string consumerTag, CancellationToken ct = default) => inner.CancelConsumerAsync(consumerTag, ct);
            public Task<BrokerDelivery?> GetAsync(string queue, CancellationToken ct = default) => inner.GetAsync(queue, ct);
            public Task AckAsync(ulong deliveryTag, CancellationToken ct = default) => inner.AckAsync(deliveryTag, ct);
            public Task RejectAsync(ulong deliveryTag, bool requeue, CancellationToken ct = default) => inner.RejectAsync(deliveryTag, requeue, ct);
            public Task<uint> MessageCountAsync(string queue, CancellationToken ct = default) => inner.MessageCountAsync(queue, ct);
            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }

    // A block no host can take (here larger than the host accepts) is computed by the trainer once it has waited fallback-after.
    [Fact]
    public void A_block_no_host_can_take_is_still_computed_somewhere()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 11, limits: new WireLimits { MaxMessageBytes = 300 });
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);

        Assert.Equal("completed", Run(ClusterRig.Job(200, rig.Trainer(simulated, metrics, fallbackAfter: TimeSpan.FromSeconds(2)))).Outcome);

        var blocks = trace.EventsOf<SnapshotSent>().Select(s => s.Block).Distinct().ToArray();
        Assert.Equal(11, blocks.Length);
        Assert.True(metrics.Totals().DeadLetters.GetValueOrDefault("rejected") > 0, "no snapshot was too large for the host");
        Assert.All(blocks, b => Assert.NotEmpty(trace.AdoptionsOf(b)));
    }

    // The goodbye of an older incarnation of the job (a zombie trainer) does not stop the hosts serving the current one.
    [Fact]
    public void The_goodbye_of_an_older_epoch_does_not_stop_hosts_serving_the_current_one()
    {
        var rig = new ClusterRig(Sys);
        var simulated = rig.Simulated(TimeSpan.FromMilliseconds(150));
        rig.StartNode("a", simulated.Roots, threads: 11);
        var metrics = new ClusterMetrics();
        using var trace = DeliveryTrace.Attach(Sys);
        var zombie = rig.Connect("zombie");
        rig.At(TimeSpan.FromMilliseconds(1050), () => ClusterRig.Publish(zombie, ClusterTopology.Announcements, "",
            WireFormat.Encode(new JobAnnouncement("job-a", 1, [], false))));

        Assert.Equal("completed", Run(ClusterRig.Job(30, rig.Trainer(simulated, metrics, epoch: 2))).Outcome);

        Assert.All(Enumerable.Range(0, 11), b => Assert.Contains(trace.AdoptionsOf(b), a => a.Version == 15));
    }
}
