using ShampooActors.Actors.Cluster.Membership;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Cluster.Trainer;

/// <summary>
/// The preconditioner side of a job whose roots come from the cluster. It takes the place of the in-process pool: it sends
/// each snapshot to its block's queue on the broker, announces the job and its block shapes, watches the hosts' heartbeats,
/// validates and fences the roots that come back (job, epoch, block shape, a version it sent, checksum and finite values)
/// before passing them to the registry, and counts the dead letters. When no host has answered for <c>fallback-after</c>
/// while a block waits, it computes roots in this process through its local pool, still offering every snapshot to the
/// cluster, until a host answers again. Broker faults never stop training: unsent snapshots are kept (the newest per block)
/// and sent after the connection recovers.
/// </summary>
public sealed class ClusterPreconditioners : ReceiveActor, IWithTimers
{
    private readonly ClusterOptions _options;
    private readonly IBrokerConnection _connection;
    private readonly IActorRef _publishTo;
    private readonly ClusterMetrics _metrics;
    private readonly Props _localPool;
    private readonly string _job;
    private readonly Dictionary<int, BlockShape> _shapes = [];
    private readonly Dictionary<int, StatisticsSnapshot> _unsent = [];
    private readonly Dictionary<int, long> _handedToLocal = [];
    private readonly OutstandingSnapshots _outstanding = new();
    private readonly MembershipView _members;
    private readonly ChunkAssembler _assembler;
    private readonly DateTimeOffset _origin;
    private IActorRef _local = ActorRefs.Nobody;
    private IBrokerChannel? _channel;
    private Action<BrokerConnectionState>? _onStateChanged;
    private bool _ready;
    private bool _warned;
    private bool _fallback;
    private DateTimeOffset _lastAnswer;
    private long _messages;
    private long _ticks;
    private DateTimeOffset _lastTick;

    /// <summary>A cluster side for the job of <paramref name="options"/> over <paramref name="connection"/>, publishing valid roots to <paramref name="publishTo"/>.</summary>
    public ClusterPreconditioners(ClusterOptions options, IBrokerConnection connection, IActorRef publishTo, ClusterMetrics metrics, Props localPool)
    {
        _options = options;
        _connection = connection;
        _publishTo = publishTo;
        _metrics = metrics;
        _localPool = localPool;
        _job = options.JobId;
        _members = new MembershipView(options.FailureDetector);
        _assembler = new ChunkAssembler(options.Limits, maxIncompleteMessages: 64);
        _origin = DateTimeOffset.UnixEpoch;
        ReceiveAsync<Setup>(_ => SetUpAsync());
        Receive<ConnectionChanged>(Changed);
        ReceiveAsync<StatisticsSnapshot>(OfferAsync);
        ReceiveAsync<Delivered>(ReceivedAsync);
        Receive<RootsAdopted>(Adopted);
        Receive<RootsPublished>(p =>
        {
            // Roots from anywhere (a host or the local pool) answer the block.
            _outstanding.Answered(p.Block, p.Version);
            _metrics.InFlight(_outstanding.Count);
        });
        ReceiveAsync<Tick>(_ => TickAsync());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props; <paramref name="localPool"/> makes the pool used while no host answers.</summary>
    public static Props Props(ClusterOptions options, IBrokerConnection connection, IActorRef publishTo, ClusterMetrics metrics, Props localPool) =>
        Kernel.Props.Create(() => new ClusterPreconditioners(options, connection, publishTo, metrics, localPool));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private TimeSpan Since(DateTimeOffset at) => at - _origin;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _local = Context.ActorOf(_localPool, "local");
        _lastAnswer = _lastTick = Now;
        var self = Self;
        _onStateChanged = state => self.Tell(new ConnectionChanged(state), ActorRefs.NoSender);
        _connection.StateChanged += _onStateChanged;
        Context.System.EventStream.Subscribe(Self, typeof(RootsAdopted));
        Context.System.EventStream.Subscribe(Self, typeof(RootsPublished));
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, _options.HeartbeatInterval);
        Self.Tell(Setup.Instance);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_onStateChanged is not null)
            _connection.StateChanged -= _onStateChanged;
        Context.System.EventStream.Unsubscribe(Self);
        if (_channel is { } channel)
            WaitAtMost(_ready ? LeaveAsync(channel) : channel.DisposeAsync().AsTask(), TimeSpan.FromSeconds(2), Context.System.Scheduler.Clock);
    }

    /// <summary>
    /// Says goodbye: the job is announced inactive, so hosts stop consuming its queues, which the broker then deletes once
    /// unused for <see cref="ClusterTopology.BlockQueueExpiry"/> (deleting them here could remove the queues of a newer
    /// incarnation of the job).
    /// </summary>
    private async Task LeaveAsync(IBrokerChannel channel)
    {
        await channel.PublishAsync(ClusterTopology.Announcements, "", WireFormat.Encode(Announcement(active: false)));
        await channel.DisposeAsync();
    }

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="limit"/>, ignoring how it ends (best effort at shutdown).</summary>
    private static void WaitAtMost(Task task, TimeSpan limit, TimeProvider clock)
    {
        try
        {
            Task.WhenAny(task, Task.Delay(limit, clock)).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Leaving is best effort: the broker drops exclusive queues with the connection anyway.
        }
    }

    /// <summary>
    /// Opens a channel, declares the job's topology and consumes the trainer's queues; retried on the next tick if the broker
    /// refuses. Each set-up uses a new channel, so no delivery tag of an earlier channel is ever acknowledged on it.
    /// </summary>
    private async Task SetUpAsync()
    {
        if (_ready)
            return;
        try
        {
            var channel = _channel = await _connection.OpenChannelAsync(0);
            await ClusterTopology.DeclareJobAsync(channel, _job);
            await Consume(channel, ClusterTopology.TrainerRootsQueue(_job, _options.Trainer), ClusterTopology.Roots(_job), QueueKind.Roots);
            await Consume(channel, ClusterTopology.TrainerQueue(ClusterTopology.Heartbeats(_job), _options.Trainer), ClusterTopology.Heartbeats(_job), QueueKind.Heartbeats);
            await Consume(channel, ClusterTopology.DeadLetterQueue(_job, _options.Trainer), ClusterTopology.DeadLetters(_job), QueueKind.DeadLetters);
            foreach (var block in _shapes.Keys)
                await channel.DeclareQueueAsync(ClusterTopology.BlockQueue(_job, block));
            _ready = true;
            if (_warned)
                Context.GetLogger().Info($"cluster: job {_job} is set up on the broker again");
            _warned = false;
            await AnnounceAsync();
            // Snapshots sent before a broker restart went with its queues: every block still waiting is sent again.
            foreach (var snapshot in _outstanding.Newest.ToArray())
                _unsent[snapshot.BlockId] = snapshot;
            foreach (var snapshot in _unsent.Values.ToArray())
                await SendAsync(snapshot);
        }
        catch (BrokerException e)
        {
            Broken($"cannot set up job {_job} on the broker ({e.Message}); training goes on and the next tick retries");
        }
    }

    /// <summary>Drops the current channel (its consumers go with it) so the next tick sets up anew; warns once per outage.</summary>
    private void Broken(string warning)
    {
        _ready = false;
        if (_channel is { } channel)
            BrokerCalls.CloseInBackground(channel);
        _channel = null;
        if (_warned)
            return;
        _warned = true;
        Context.GetLogger().Warning($"cluster: {warning}");
    }

    private async Task Consume(IBrokerChannel channel, QueueSpec queue, string exchange, QueueKind kind)
    {
        await ClusterTopology.DeclareBoundAsync(channel, queue, exchange);
        var self = Self;
        await channel.ConsumeAsync(queue.Name, delivery =>
        {
            self.Tell(new Delivered(kind, delivery, channel), ActorRefs.NoSender);
            return Task.CompletedTask;
        });
    }

    private void Changed(ConnectionChanged changed)
    {
        if (changed.State == BrokerConnectionState.Lost)
            Broken("lost the broker connection; training goes on with the roots it holds");
        else
        {
            Context.GetLogger().Info("cluster: broker connection recovered");
            Self.Tell(Setup.Instance);
        }
    }

    private async Task OfferAsync(StatisticsSnapshot snapshot)
    {
        _outstanding.Offer(snapshot, Now);
        if (_fallback)
            _local.Tell(snapshot, Self);
        var shape = Shape(snapshot);
        var isNew = !_shapes.ContainsKey(snapshot.BlockId);
        _shapes[snapshot.BlockId] = shape;
        if (isNew && _ready)
        {
            if (!await Try(channel => channel.DeclareQueueAsync(ClusterTopology.BlockQueue(_job, snapshot.BlockId))))
            {
                _unsent[snapshot.BlockId] = snapshot;
                return;
            }
            await Try(_ => AnnounceAsync());
        }
        await SendAsync(snapshot);
        _metrics.InFlight(_outstanding.Count);
    }

    /// <summary>A block's factor sizes as its snapshot shows them.</summary>
    private static BlockShape Shape(StatisticsSnapshot snapshot) => new(snapshot.BlockId, snapshot.Factors.Select(f => f.Size).ToArray());

    /// <summary>Publishes a snapshot to its block queue, or keeps it (the newest per block) to send when the broker is back.</summary>
    private async Task SendAsync(StatisticsSnapshot snapshot)
    {
        if (!_ready)
        {
            _unsent[snapshot.BlockId] = snapshot;
            return;
        }
        var message = new SnapshotMessage(_job, _options.Epoch, snapshot);
        var envelope = WireFormat.Encode(message);
        var id = $"{_options.Trainer}-{_options.Epoch}-{++_messages}";
        try
        {
            var chunks = await Bounded(WirePublishing.PublishSnapshotAsync(_channel!, ClusterTopology.BlockQueue(_job, snapshot.BlockId).Name, message, envelope,
                _options.ChunkBytes, id));
            _unsent.Remove(snapshot.BlockId);
            _outstanding.Sent(snapshot.BlockId, snapshot.Version, Now);
            _metrics.Sent();
            Context.System.EventStream.Publish(new SnapshotSent(Now, snapshot.BlockId, snapshot.Version, envelope.Length, chunks));
        }
        catch (BrokerException e)
        {
            if (!_unsent.TryGetValue(snapshot.BlockId, out var kept) || kept.Version <= snapshot.Version)
                _unsent[snapshot.BlockId] = snapshot;
            Broken($"could not send block {snapshot.BlockId} version {snapshot.Version} ({e.Message}); unsent snapshots go when the broker answers");
        }
    }

    private async Task ReceivedAsync(Delivered delivered)
    {
        // A delivery of a dropped channel is redelivered on the current one (it was never acknowledged): ignore this copy.
        if (!ReferenceEquals(delivered.Channel, _channel))
            return;
        var delivery = delivered.Delivery;
        switch (delivered.Kind)
        {
            case QueueKind.DeadLetters:
                var reason = delivery.DeathReason ?? "unknown";
                _metrics.DeadLettered(reason);
                // A ticket replaced in its block queue leaves its chunks behind: they are of no use any more.
                if (Decode(delivery.Body, out var dead, out _) && dead is ChunkTicket ticket && ticket.Job == _job)
                    await Try(channel => channel.DeleteQueueAsync(ticket.ChunkQueue));
                Context.System.EventStream.Publish(new MessageDeadLettered(Now, delivery.Queue, reason));
                await AckAsync(delivered);
                return;
            case QueueKind.Heartbeats:
                if (Decode(delivery.Body, out var heartbeat, out _) && heartbeat is HeartbeatMessage beat && beat.Job == _job)
                    Heartbeat(beat);
                await AckAsync(delivered);
                return;
            default:
                await RootsAsync(delivered);
                return;
        }
    }

    private void Heartbeat(HeartbeatMessage beat)
    {
        if (!_members.Heartbeat(beat.Node, beat.Incarnation, Since(Now)))
            return;
        _metrics.HostAvailable(beat.Node, true);
        Context.GetLogger().Info($"cluster: preconditioner host {beat.Node} joined job {_job} ({beat.Threads} threads)");
        Context.System.EventStream.Publish(new HostJoined(Now, beat.Node));
    }

    /// <summary>Validates a roots delivery (reassembling chunks) and passes valid roots of this epoch to the registry; an invalid one is dead-lettered.</summary>
    private async Task RootsAsync(Delivered delivered)
    {
        var delivery = delivered.Delivery;
        if (!Decode(delivery.Body, out var message, out var error))
        {
            await RejectAsync(delivered, error!);
            return;
        }
        if (message is ChunkMessage chunk)
        {
            byte[]? whole;
            try
            {
                whole = chunk.Job == _job ? _assembler.Add(chunk) : throw new InvalidChunkException($"a chunk of job {chunk.Job}");
            }
            catch (InvalidChunkException e)
            {
                await RejectAsync(delivered, e.Message);
                return;
            }
            if (whole is null)
            {
                await AckAsync(delivered);
                return;
            }
            if (!Decode(whole, out message, out error))
            {
                await RejectAsync(delivered, error!);
                return;
            }
        }
        if (Invalid(message!) is { } invalid)
        {
            await RejectAsync(delivered, invalid);
            return;
        }
        await AckAsync(delivered);
        var roots = (RootsMessage)message!;
        if (roots.Epoch != _options.Epoch)
        {
            _metrics.Fenced();
            Context.System.EventStream.Publish(new FencedRootsIgnored(Now, roots.Roots.BlockId, roots.Roots.Version, roots.Epoch, _options.Epoch));
            return;
        }
        Accept(roots);
    }

    /// <summary>Why a decoded message cannot be roots for this job, or null when it can (the epoch is checked after).</summary>
    private string? Invalid(WireMessage message)
    {
        if (message is not RootsMessage roots)
            return $"a {message.GetType().Name} in the roots queue";
        if (roots.Job != _job)
            return $"roots of job {roots.Job}";
        var block = roots.Roots.BlockId;
        if (!_shapes.TryGetValue(block, out var shape))
            return $"roots of block {block}, which this job never sent";
        if (!WireValidation.Matches(roots.Roots, shape, out var mismatch))
            return mismatch;
        if (roots.Epoch == _options.Epoch && roots.Roots.Version > _outstanding.NewestSent(block))
            return $"roots of block {block} version {roots.Roots.Version}, newer than any version sent ({_outstanding.NewestSent(block)})";
        return null;
    }

    private void Accept(RootsMessage roots)
    {
        var block = roots.Roots.BlockId;
        _publishTo.Tell(new PreconditionerReady(block, roots.Roots.Version, roots.Roots, roots.ComputeMilliseconds), Self);
        _outstanding.Answered(block, roots.Roots.Version);
        _metrics.RootsFrom(roots.Host);
        _metrics.InFlight(_outstanding.Count);
        _lastAnswer = Now;
        Context.System.EventStream.Publish(new RemoteRootsReceived(Now, block, roots.Roots.Version, roots.Host, roots.ComputeMilliseconds));
        if (!_fallback)
            return;
        _fallback = false;
        _metrics.Local(false);
        Context.GetLogger().Info($"cluster: preconditioner host {roots.Host} answered; roots come from the cluster again");
        Context.System.EventStream.Publish(new FallbackEnded(Now, roots.Host));
    }

    private async Task RejectAsync(Delivered delivered, string reason)
    {
        var delivery = delivered.Delivery;
        _metrics.Invalid();
        Context.GetLogger().Warning($"cluster: rejected a message from {delivery.Queue}: {reason}");
        Context.System.EventStream.Publish(new InvalidMessageRejected(Now, delivery.Queue, reason));
        await Settle(delivered, channel => channel.RejectAsync(delivery.DeliveryTag, requeue: false));
    }

    private Task AckAsync(Delivered delivered) => Settle(delivered, channel => channel.AckAsync(delivered.Delivery.DeliveryTag));

    /// <summary>Acknowledges or rejects a delivery on the channel it came through, unless that channel was dropped (the broker redelivers then).</summary>
    private async Task Settle(Delivered delivered, Func<IBrokerChannel, Task> settle)
    {
        if (!ReferenceEquals(delivered.Channel, _channel))
            return;
        await Try(settle);
    }

    private bool Decode(byte[] body, out WireMessage? message, out string? error) =>
        WireFormat.TryDecode(body, _options.Limits, out message, out error);

    private void Adopted(RootsAdopted adopted)
    {
        if (_outstanding.Adopted(adopted.Block, adopted.Version, adopted.At) is { } roundTrip)
            _metrics.RoundTrip(adopted.Block, roundTrip.TotalMilliseconds);
    }

    /// <summary>Announces the job, reaps hosts whose φ passed the threshold, falls back when no host answers, and retries what the broker refused.</summary>
    private async Task TickAsync()
    {
        var now = Now;
        foreach (var (host, phi) in _members.Reap(Since(now)))
        {
            _metrics.HostAvailable(host, false);
            Context.GetLogger().Warning($"cluster: preconditioner host {host} is unreachable (φ = {phi:F1})");
            Context.System.EventStream.Publish(new HostUnreachable(now, host, phi));
        }
        // After a tick that came late (this actor was busy sending a burst of snapshots) the roots that arrived meanwhile
        // still wait in the mailbox: no fallback is decided before they are read.
        var late = now - _lastTick > _options.HeartbeatInterval * 2;
        _lastTick = now;
        if (!late)
        {
            if (!_fallback && _outstanding.OldestWait is { } oldest && now - oldest >= _options.FallbackAfter && now - _lastAnswer >= _options.FallbackAfter)
                FallBack(now);
            HandOverStarvedBlocks(now);
        }
        if (!_ready)
        {
            await SetUpAsync();
            return;
        }
        // Declaring a queue again renews its lease (x-expires): the block queues stay while this trainer lives.
        if (++_ticks % ClusterTopology.RedeclareEveryTicks == 0)
            foreach (var block in _shapes.Keys.ToArray())
                if (!await Try(channel => channel.DeclareQueueAsync(ClusterTopology.BlockQueue(_job, block))))
                    return;
        await Try(_ => AnnounceAsync());
        foreach (var snapshot in _unsent.Values.ToArray())
            await SendAsync(snapshot);
    }

    /// <summary>
    /// Computes here the blocks that have waited <c>fallback-after</c> without an answer while others were answered (a block
    /// no host can take, say one larger than the hosts accept): each version of such a block goes to the local pool once.
    /// </summary>
    private void HandOverStarvedBlocks(DateTimeOffset now)
    {
        if (_fallback)
            return;
        foreach (var snapshot in _outstanding.WaitingSince(now - _options.FallbackAfter))
        {
            if (_handedToLocal.GetValueOrDefault(snapshot.BlockId, -1) >= snapshot.Version)
                continue;
            if (!_handedToLocal.ContainsKey(snapshot.BlockId))
                Context.GetLogger().Warning($"cluster: no host answered block {snapshot.BlockId} for {_options.FallbackAfter.TotalSeconds:F0} s; computing it in this process");
            _handedToLocal[snapshot.BlockId] = snapshot.Version;
            _local.Tell(snapshot, Self);
        }
    }

    private void FallBack(DateTimeOffset now)
    {
        _fallback = true;
        _metrics.Local(true);
        var reason = $"no preconditioner host answered for {(now - _lastAnswer).TotalSeconds:F1} s";
        Context.GetLogger().Warning($"cluster: {reason}; computing roots in this process until a host answers");
        Context.System.EventStream.Publish(new FallbackStarted(now, reason));
        foreach (var snapshot in _outstanding.Newest)
            _local.Tell(snapshot, Self);
    }

    private Task AnnounceAsync() =>
        Bounded(_channel!.PublishAsync(ClusterTopology.Announcements, "", WireFormat.Encode(Announcement(active: true))));

    /// <summary>
    /// <paramref name="operation"/>, failing with a <see cref="BrokerException"/> after <see cref="ClusterOptions.OperationTimeout"/>:
    /// a broker that stops confirming (an alarm, a half-dead connection) must not hold this actor, and with it the fallback.
    /// </summary>
    private async Task<T> Bounded<T>(Task<T> operation)
    {
        try
        {
            return await operation.WaitAsync(_options.OperationTimeout, Context.System.Scheduler.Clock);
        }
        catch (TimeoutException)
        {
            throw new BrokerException($"the broker did not answer within {_options.OperationTimeout.TotalSeconds:F0} s");
        }
    }

    private async Task Bounded(Task operation)
    {
        try
        {
            await operation.WaitAsync(_options.OperationTimeout, Context.System.Scheduler.Clock);
        }
        catch (TimeoutException)
        {
            throw new BrokerException($"the broker did not answer within {_options.OperationTimeout.TotalSeconds:F0} s");
        }
    }

    private JobAnnouncement Announcement(bool active) =>
        new(_job, _options.Epoch, _shapes.Values.OrderBy(s => s.Block).ToArray(), active);

    /// <summary>Runs a broker operation on the current channel; a refusal drops the channel for a new set-up on the next tick.</summary>
    private async Task<bool> Try(Func<IBrokerChannel, Task> operation)
    {
        if (!_ready || _channel is not { } channel)
            return false;
        try
        {
            await Bounded(operation(channel));
            return true;
        }
        catch (BrokerException e)
        {
            Broken($"a broker operation failed ({e.Message}); set up again on the next tick");
            return false;
        }
    }

    private enum QueueKind
    {
        Roots,
        Heartbeats,
        DeadLetters,
    }

    private sealed record Delivered(QueueKind Kind, BrokerDelivery Delivery, IBrokerChannel Channel);

    private sealed record ConnectionChanged(BrokerConnectionState State);

    private sealed record Setup
    {
        public static Setup Instance { get; } = new();
    }

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }
}
