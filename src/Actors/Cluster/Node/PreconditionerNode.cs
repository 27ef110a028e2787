using ShampooActors.Actors.Cluster.Membership;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;

namespace ShampooActors.Actors.Cluster.Node;

/// <summary>
/// A preconditioner host: it listens to the job announcements, serves the jobs its options name (declaring their queues
/// and having its workers consume them), sends each served job a heartbeat every interval, and stops serving a job that
/// ends or whose trainer goes silent (its announcements judged by a phi-accrual failure detector). One
/// <see cref="NodeWorker"/> per thread does the computing. After the broker connection recovers it sets everything up again.
/// </summary>
public sealed class PreconditionerNode : ReceiveActor, IWithTimers
{
    private readonly NodeOptions _options;
    private readonly IBrokerConnection _connection;
    private readonly IRootService _service;
    private readonly Dictionary<string, ServeJob> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _computed = new(StringComparer.Ordinal);
    private readonly MembershipView _trainers;
    private readonly List<IActorRef> _workers = [];
    private IBrokerChannel? _channel;
    private Action<BrokerConnectionState>? _onStateChanged;
    private bool _ready;
    private bool _warned;
    private long _heartbeats;

    /// <summary>A host with <paramref name="options"/> on <paramref name="connection"/>, computing through <paramref name="service"/>.</summary>
    public PreconditionerNode(NodeOptions options, IBrokerConnection connection, IRootService service)
    {
        _options = options;
        _connection = connection;
        _service = service;
        _trainers = new MembershipView(options.FailureDetector);
        ReceiveAsync<Setup>(_ => SetUpAsync());
        Receive<ConnectionChanged>(Changed);
        ReceiveAsync<Announced>(AnnouncedAsync);
        Receive<RootsComputed>(c => _computed[c.Job] = _computed.GetValueOrDefault(c.Job) + 1);
        Receive<TrainerAlive>(a =>
        {
            // A trainer busy sending a burst of snapshots may announce late; its snapshots show it is alive.
            if (_jobs.TryGetValue(a.Job, out var known) && known.Epoch <= a.Epoch)
                _trainers.Heartbeat(a.Job, a.Epoch, Since(Now));
        });
        ReceiveAsync<Tick>(_ => TickAsync());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a host; see the constructor.</summary>
    public static Props Props(NodeOptions options, IBrokerConnection connection, IRootService service) =>
        Kernel.Props.Create(() => new PreconditionerNode(options, connection, service));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private static TimeSpan Since(DateTimeOffset at) => at - DateTimeOffset.UnixEpoch;

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

    /// <inheritdoc />
    protected override void PreStart()
    {
        for (var k = 0; k < _options.Threads; k++)
            _workers.Add(Context.ActorOf(NodeWorker.Props(_options, _connection, _service, k), $"worker-{k}"));
        var self = Self;
        _onStateChanged = state => self.Tell(new ConnectionChanged(state), ActorRefs.NoSender);
        _connection.StateChanged += _onStateChanged;
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, _options.HeartbeatInterval);
        Self.Tell(Setup.Instance);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_onStateChanged is not null)
            _connection.StateChanged -= _onStateChanged;
        if (_channel is { } channel)
            BrokerCalls.CloseInBackground(channel);
    }

    private async Task SetUpAsync()
    {
        if (_ready)
            return;
        try
        {
            var channel = _channel = await _connection.OpenChannelAsync(0);
            await channel.DeclareExchangeAsync(ClusterTopology.Announcements, ExchangeKind.Fanout);
            var queue = ClusterTopology.NodeAnnouncementQueue(_options.Name, _options.Incarnation);
            await ClusterTopology.DeclareBoundAsync(channel, queue, ClusterTopology.Announcements);
            var self = Self;
            await channel.ConsumeAsync(queue.Name, delivery =>
            {
                self.Tell(new Announced(delivery, channel), ActorRefs.NoSender);
                return Task.CompletedTask;
            });
            _ready = true;
            if (_warned)
                Context.GetLogger().Info($"node {_options.Name}: connected to the broker again");
            _warned = false;
            foreach (var job in _jobs.Values)
                if (await DeclareAsync(job.Job))
                    Serve(job);
        }
        catch (BrokerException e)
        {
            Broken($"cannot set up on the broker ({e.Message}); retrying every {_options.HeartbeatInterval.TotalSeconds:F0} s");
        }
    }

    private void Broken(string warning)
    {
        _ready = false;
        if (_channel is { } channel)
            BrokerCalls.CloseInBackground(channel);
        _channel = null;
        foreach (var worker in _workers)
            worker.Tell(ChannelLost.Instance, Self);
        if (_warned)
            return;
        _warned = true;
        Context.GetLogger().Warning($"node {_options.Name}: {warning}");
    }

    private void Changed(ConnectionChanged changed)
    {
        if (changed.State == BrokerConnectionState.Lost)
            Broken("lost the broker connection; waiting for it to recover");
        else
            Self.Tell(Setup.Instance);
    }

    private async Task AnnouncedAsync(Announced announced)
    {
        if (!ReferenceEquals(announced.Channel, _channel))
            return;
        await BrokerCalls.Quietly(() => announced.Channel.AckAsync(announced.Delivery.DeliveryTag));
        if (!WireFormat.TryDecode(announced.Delivery.Body, _options.Limits, out var message, out var error) || message is not JobAnnouncement announcement)
        {
            Context.GetLogger().Warning($"node {_options.Name}: ignored an invalid job announcement: {error ?? message!.GetType().Name}");
            return;
        }
        var job = announcement.Job;
        if (!_options.Serves(job))
            return;
        // An older trainer incarnation's announcements, its goodbye included, say nothing about the current one.
        if (_jobs.TryGetValue(job, out var known) && known.Epoch > announcement.Epoch)
            return;
        if (!announcement.Active)
        {
            if (_jobs.Remove(job))
                Leave(job, "ended");
            return;
        }
        _trainers.Heartbeat(job, announcement.Epoch, Since(Now));
        // Every announcement goes to the workers: they consume the blocks they do not consume yet (new ones, or all after a fault).
        var serve = new ServeJob(job, announcement.Epoch, announcement.Blocks);
        _jobs[job] = serve;
        if (known is null || known.Epoch != serve.Epoch)
        {
            Context.GetLogger().Info($"node {_options.Name}: serving job {job} (epoch {serve.Epoch})");
            if (!await DeclareAsync(job))
                return;
        }
        Serve(serve);
    }

    private async Task<bool> DeclareAsync(string job)
    {
        if (_channel is not { } channel)
            return false;
        try
        {
            await ClusterTopology.DeclareJobAsync(channel, job);
            return true;
        }
        catch (BrokerException e)
        {
            Broken($"cannot declare job {job} ({e.Message})");
            return false;
        }
    }

    private void Serve(ServeJob serve)
    {
        foreach (var worker in _workers)
            worker.Tell(serve, Self);
    }

    private void Leave(string job, string why)
    {
        _trainers.Remove(job);
        foreach (var worker in _workers)
            worker.Tell(new StopServing(job), Self);
        Context.GetLogger().Info($"node {_options.Name}: job {job} {why}; no longer serving it");
    }

    /// <summary>Sends every served job a heartbeat and stops serving those whose trainer went silent.</summary>
    private async Task TickAsync()
    {
        foreach (var (job, _) in _trainers.Reap(Since(Now)))
            if (_jobs.Remove(job))
                Leave(job, "went silent");
        if (!_ready)
        {
            await SetUpAsync();
            return;
        }
        _heartbeats++;
        foreach (var job in _jobs.Keys)
        {
            var beat = new HeartbeatMessage(job, _options.Name, _options.Incarnation, _heartbeats, _options.Threads, _computed.GetValueOrDefault(job));
            try
            {
                await _channel!.PublishAsync(ClusterTopology.Heartbeats(job), "", WireFormat.Encode(beat));
            }
            catch (BrokerException e)
            {
                Broken($"cannot send heartbeats ({e.Message})");
                return;
            }
        }
    }


    private sealed record Announced(BrokerDelivery Delivery, IBrokerChannel Channel);

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
