using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Cluster.Node;

/// <summary>
/// One computing slot of a preconditioner host: a broker channel with prefetch 1 consuming the block queues of every job the
/// host serves (so it holds at most one snapshot, and the other hosts take the rest: work stealing), and a
/// <see cref="PreconditionerActor"/> that computes. A snapshot is validated first (checksum, sizes, finite values, the shape
/// its job announced) and an invalid one is rejected without requeue (dead-lettered); one of an older epoch or a version
/// already computed is acknowledged and dropped. Valid roots are published to the job's trainers and only then is the
/// snapshot acknowledged, so a host that dies mid-computation leaves it to be redelivered to another.
/// </summary>
internal sealed class NodeWorker : ReceiveActor
{
    private readonly NodeOptions _options;
    private readonly IBrokerConnection _connection;
    private readonly IRootService _service;
    private readonly int _index;
    private readonly Dictionary<string, ServeJob> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Job, int Block), string> _consumers = [];
    private readonly Dictionary<(string Job, int Block), (long Epoch, long Version)> _done = [];
    private IActorRef _preconditioner = ActorRefs.Nobody;
    private IBrokerChannel? _channel;
    private InHand? _inHand;
    private long _published;

    public NodeWorker(NodeOptions options, IBrokerConnection connection, IRootService service, int index)
    {
        _options = options;
        _connection = connection;
        _service = service;
        _index = index;
        ReceiveAsync<ServeJob>(ServeAsync);
        ReceiveAsync<StopServing>(StopAsync);
        Receive<ChannelLost>(_ => Lost());
        ReceiveAsync<Delivered>(DeliveredAsync);
        ReceiveAsync<PreconditionerReady>(PublishAsync);
        ReceiveAsync<ComputationEnded>(EndedAsync);
    }

    public static Props Props(NodeOptions options, IBrokerConnection connection, IRootService service, int index) =>
        Kernel.Props.Create(() => new NodeWorker(options, connection, service, index));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void PreStart() =>
        _preconditioner = Context.ActorOf(PreconditionerActor.Props(_service, Self, _options.Dispatcher), "preconditioner");

    protected override void PostStop()
    {
        if (_channel is { } channel)
            BrokerCalls.CloseInBackground(channel);
    }

    private async Task ServeAsync(ServeJob serve)
    {
        _jobs[serve.Job] = _jobs.TryGetValue(serve.Job, out var known) && known.Epoch > serve.Epoch ? known with { Blocks = serve.Blocks } : serve;
        try
        {
            var channel = _channel ??= await _connection.OpenChannelAsync(prefetch: 1);
            foreach (var shape in serve.Blocks)
            {
                var key = (serve.Job, shape.Block);
                if (_consumers.ContainsKey(key))
                    continue;
                var queue = ClusterTopology.BlockQueue(serve.Job, shape.Block);
                await channel.DeclareQueueAsync(queue);
                var self = Self;
                _consumers[key] = await channel.ConsumeAsync(queue.Name, delivery =>
                {
                    self.Tell(new Delivered(delivery, channel), ActorRefs.NoSender);
                    return Task.CompletedTask;
                });
            }
        }
        catch (BrokerException e)
        {
            Context.GetLogger().Warning($"node {_options.Name}: cannot consume job {serve.Job}'s queues ({e.Message}); retrying with its next announcement");
            Lost();
        }
    }

    private async Task StopAsync(StopServing stop)
    {
        _jobs.Remove(stop.Job);
        foreach (var key in _consumers.Keys.Where(k => k.Job == stop.Job).ToArray())
        {
            var tag = _consumers[key];
            _consumers.Remove(key);
            if (_channel is { } channel)
                await BrokerCalls.Quietly(() => channel.CancelConsumerAsync(tag));
        }
    }

    /// <summary>Drops the channel, its consumers and the delivery in hand (the broker requeues it); the next announcement consumes anew.</summary>
    private void Lost()
    {
        if (_channel is { } channel)
            BrokerCalls.CloseInBackground(channel);
        _channel = null;
        _consumers.Clear();
        _inHand = null;
    }

    private async Task DeliveredAsync(Delivered delivered)
    {
        if (!ReferenceEquals(delivered.Channel, _channel))
            return;
        var delivery = delivered.Delivery;
        if (!Decode(delivery.Body, out var message, out var error))
        {
            await RejectAsync(delivered, error!, []);
            return;
        }
        var chunks = new List<BrokerDelivery>();
        string? chunkQueue = null;
        IBrokerChannel? chunkChannel = null;
        if (message is ChunkTicket ticket)
        {
            if (Superseded(ticket.Job, ticket.Block, ticket.Epoch, ticket.Version))
            {
                await BrokerCalls.Quietly(() => delivered.Channel.AckAsync(delivery.DeliveryTag));
                await BrokerCalls.Quietly(() => delivered.Channel.DeleteQueueAsync(ticket.ChunkQueue));
                return;
            }
            chunkQueue = ticket.ChunkQueue;
            // The chunks are read on a channel of their own: a chunk queue that is gone (expired) closes the channel it is asked on.
            chunkChannel = await OpenChunkChannel();
            (message, error) = chunkChannel is null ? (null, "no channel to read the chunks on") : await RedeemAsync(chunkChannel, ticket, chunks);
            if (message is null)
            {
                await RejectAsync(delivered, error!, chunks, chunkChannel, chunkQueue);
                return;
            }
        }
        if (message is not SnapshotMessage snapshot)
        {
            await RejectAsync(delivered, $"a {message!.GetType().Name} in a snapshot queue", chunks, chunkChannel, chunkQueue);
            return;
        }
        if (Invalid(snapshot) is { } invalid)
        {
            await RejectAsync(delivered, invalid, chunks, chunkChannel, chunkQueue);
            return;
        }
        if (Superseded(snapshot.Job, snapshot.Snapshot.BlockId, snapshot.Epoch, snapshot.Snapshot.Version))
        {
            await SettleAsync(new InHand(delivered, snapshot, chunks, chunkChannel, chunkQueue));
            return;
        }
        Context.Parent.Tell(new TrainerAlive(snapshot.Job, snapshot.Epoch), Self);
        var job = _jobs[snapshot.Job];
        if (snapshot.Epoch > job.Epoch)
            _jobs[snapshot.Job] = job with { Epoch = snapshot.Epoch };
        _inHand = new InHand(delivered, snapshot, chunks, chunkChannel, chunkQueue);
        _preconditioner.Tell(new ComputeRoots(snapshot.Snapshot), Self);
    }

    /// <summary>
    /// Whether a snapshot need not be computed: of an older trainer incarnation than the job's (fenced), or of a version this
    /// worker has already computed (a redelivery).
    /// </summary>
    private bool Superseded(string job, int block, long epoch, long version) =>
        (_jobs.TryGetValue(job, out var known) && epoch < known.Epoch)
        || (epoch, version).CompareTo(_done.GetValueOrDefault((job, block), (-1, -1))) <= 0;

    private async Task<IBrokerChannel?> OpenChunkChannel()
    {
        try
        {
            return await _connection.OpenChannelAsync(0);
        }
        catch (BrokerException)
        {
            return null;
        }
    }

    /// <summary>Reads the chunks a ticket points to (keeping them unacknowledged until the snapshot is done) and decodes the whole.</summary>
    private async Task<(WireMessage? Message, string? Error)> RedeemAsync(IBrokerChannel channel, ChunkTicket ticket, List<BrokerDelivery> chunks)
    {
        if (ticket.Count < 1 || ticket.Count > _options.Limits.MaxChunks)
            return (null, $"a chunk ticket for {ticket.Count} chunks");
        var assembler = new ChunkAssembler(_options.Limits, maxIncompleteMessages: 1);
        byte[]? whole = null;
        for (var k = 0; k < ticket.Count; k++)
        {
            BrokerDelivery? chunk;
            try
            {
                chunk = await channel.GetAsync(ticket.ChunkQueue);
            }
            catch (BrokerException e)
            {
                return (null, $"chunk queue {ticket.ChunkQueue} cannot be read ({e.Message})");
            }
            if (chunk is null)
                return (null, $"chunk queue {ticket.ChunkQueue} holds {k} of {ticket.Count} chunks");
            chunks.Add(chunk);
            if (!Decode(chunk.Body, out var part, out var error))
                return (null, error);
            if (part is not ChunkMessage piece || piece.MessageId != ticket.MessageId)
                return (null, $"a message of another kind or id in chunk queue {ticket.ChunkQueue}");
            try
            {
                whole = assembler.Add(piece) ?? whole;
            }
            catch (InvalidChunkException e)
            {
                return (null, e.Message);
            }
        }
        if (whole is null)
            return (null, $"the chunks in {ticket.ChunkQueue} do not make a whole message");
        return Decode(whole, out var message, out var wholeError) ? (message, null) : (null, wholeError);
    }

    /// <summary>Why a snapshot must not be computed here, or null.</summary>
    private string? Invalid(SnapshotMessage snapshot)
    {
        if (!_jobs.TryGetValue(snapshot.Job, out var job))
            return $"a snapshot of job {snapshot.Job}, which this host does not serve";
        var shape = job.Blocks.FirstOrDefault(b => b.Block == snapshot.Snapshot.BlockId);
        if (shape is null)
            return $"a snapshot of block {snapshot.Snapshot.BlockId}, which job {snapshot.Job} has not announced";
        return WireValidation.Matches(snapshot.Snapshot, shape, out var mismatch) ? null : mismatch;
    }

    private async Task PublishAsync(PreconditionerReady ready)
    {
        if (_inHand is not { } inHand || ready.Block != inHand.Snapshot.Snapshot.BlockId || ready.Version != inHand.Snapshot.Snapshot.Version)
            return;
        var job = inHand.Snapshot.Job;
        var message = new RootsMessage(job, inHand.Snapshot.Epoch, _options.Name, ready.ComputeMilliseconds, ready.Roots);
        try
        {
            await WirePublishing.PublishAsync(inHand.Delivered.Channel, ClusterTopology.Roots(job), "", job, WireFormat.Encode(message),
                _options.ChunkBytes, $"{_options.Name}-{_options.Incarnation}-{_index}-{++_published}");
        }
        catch (BrokerException e)
        {
            Context.GetLogger().Warning($"node {_options.Name}: could not publish roots of block {ready.Block} ({e.Message}); the snapshot goes back to its queue");
            Lost();
            return;
        }
        _done[(job, ready.Block)] = (inHand.Snapshot.Epoch, ready.Version);
        Context.Parent.Tell(new RootsComputed(job), Self);
        await SettleAsync(inHand);
        _inHand = null;
    }

    private async Task EndedAsync(ComputationEnded ended)
    {
        if (ended.Outcome == ComputationOutcome.Published || _inHand is not { } inHand || ended.Snapshot != inHand.Snapshot.Snapshot)
            return;
        _inHand = null;
        var block = ended.Snapshot.BlockId;
        if (ended.Outcome == ComputationOutcome.Rejected)
        {
            // The snapshot was fine, its roots were not (the trainer keeps its previous ones): nothing to send, nothing to retry.
            Context.GetLogger().Warning($"node {_options.Name}: roots of block {block} version {ended.Snapshot.Version} rejected: {ended.Reason}");
            await SettleAsync(inHand);
            return;
        }
        // A failed computation is retried once (requeued); failing again, the snapshot is dead-lettered.
        var again = !inHand.Delivered.Delivery.Redelivered;
        Context.GetLogger().Warning($"node {_options.Name}: computing block {block} version {ended.Snapshot.Version} failed: {ended.Reason}; {(again ? "requeued" : "dead-lettered")}");
        await BrokerCalls.Quietly(() => inHand.Delivered.Channel.RejectAsync(inHand.Delivered.Delivery.DeliveryTag, requeue: again));
        await ReleaseChunksAsync(inHand.ChunkChannel, inHand.Chunks, inHand.ChunkQueue, requeue: again);
    }

    private async Task RejectAsync(Delivered delivered, string reason, List<BrokerDelivery> chunks, IBrokerChannel? chunkChannel = null, string? chunkQueue = null)
    {
        Context.GetLogger().Warning($"node {_options.Name}: rejected a message from {delivered.Delivery.Queue}: {reason}");
        Context.System.EventStream.Publish(new InvalidMessageRejected(Now, delivered.Delivery.Queue, reason));
        await BrokerCalls.Quietly(() => delivered.Channel.RejectAsync(delivered.Delivery.DeliveryTag, requeue: false));
        await ReleaseChunksAsync(chunkChannel, chunks, chunkQueue, requeue: false);
    }

    /// <summary>Acknowledges a snapshot that is done with (computed, fenced or redelivered) and releases its chunks.</summary>
    private async Task SettleAsync(InHand inHand)
    {
        await BrokerCalls.Quietly(() => inHand.Delivered.Channel.AckAsync(inHand.Delivered.Delivery.DeliveryTag));
        await ReleaseChunksAsync(inHand.ChunkChannel, inHand.Chunks, inHand.ChunkQueue, requeue: false);
    }

    /// <summary>
    /// Acknowledges (or requeues) the chunks read for a ticket and, when done with them, deletes their queue and closes the
    /// channel they were read on.
    /// </summary>
    private async Task ReleaseChunksAsync(IBrokerChannel? chunkChannel, List<BrokerDelivery> chunks, string? chunkQueue, bool requeue)
    {
        if (chunkChannel is null)
            return;
        foreach (var chunk in chunks)
            await BrokerCalls.Quietly(() => requeue ? chunkChannel.RejectAsync(chunk.DeliveryTag, true) : chunkChannel.AckAsync(chunk.DeliveryTag));
        if (!requeue && chunkQueue is not null && _channel is { } channel)
            await BrokerCalls.Quietly(() => channel.DeleteQueueAsync(chunkQueue));
        await BrokerCalls.Quietly(() => chunkChannel.DisposeAsync().AsTask());
    }

    private bool Decode(byte[] body, out WireMessage? message, out string? error) =>
        WireFormat.TryDecode(body, _options.Limits, out message, out error);


    private sealed record Delivered(BrokerDelivery Delivery, IBrokerChannel Channel);

    private sealed record InHand(Delivered Delivered, SnapshotMessage Snapshot, List<BrokerDelivery> Chunks, IBrokerChannel? ChunkChannel, string? ChunkQueue);
}
