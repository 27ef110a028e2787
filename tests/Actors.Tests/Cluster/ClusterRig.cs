using ShampooActors.Actors.Cluster;
using ShampooActors.Actors.Cluster.Node;
using ShampooActors.Actors.Cluster.Trainer;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Tests.Training;
using ShampooActors.Actors.Training;
using ShampooActors.Testing;

namespace ShampooActors.Actors.Tests.Cluster;

/// <summary>
/// A cluster in one virtual-time actor system over the in-memory broker: trainers running the tiny job (11 blocks) with their
/// snapshots sent through the broker, and preconditioner hosts computing with the simulator's delays.
/// </summary>
internal sealed class ClusterRig
{
    private readonly ActorSystem _system;
    private readonly Dictionary<string, (IActorRef Actor, IBrokerConnection Connection)> _nodes = [];

    /// <summary>A rig over a fresh in-memory broker on <paramref name="system"/>'s clock.</summary>
    public ClusterRig(ActorSystem system)
        : this(system, null)
    {
    }

    /// <summary>A rig over <paramref name="broker"/> (null: a fresh in-memory broker on the system's clock).</summary>
    public ClusterRig(ActorSystem system, IBroker? broker)
    {
        _system = system;
        Transport = broker ?? new InMemoryBroker(clock: () => system.Scheduler.Now - DateTimeOffset.UnixEpoch);
    }

    /// <summary>The broker the rig's parties connect to.</summary>
    public IBroker Transport { get; }

    /// <summary>The in-memory broker (only for a rig made without a broker).</summary>
    public InMemoryBroker Broker => (InMemoryBroker)Transport;

    /// <summary>Starts host <paramref name="name"/> computing through <paramref name="roots"/>.</summary>
    public void StartNode(string name, IRootService roots, int threads = 1, IReadOnlyList<string>? jobs = null, long incarnation = 1,
        int chunkBytes = 16 << 20, WireLimits? limits = null)
    {
        var connection = Connect($"node {name}");
        var options = new NodeOptions(name, incarnation) { Threads = threads, Jobs = jobs ?? ["*"], ChunkBytes = chunkBytes, Limits = limits ?? new WireLimits() };
        _nodes[name] = (_system.ActorOf(PreconditionerNode.Props(options, connection, roots), $"node-{name}-{incarnation}"), connection);
    }

    /// <summary>Host <paramref name="name"/>'s process dies: its connection drops at once (unacknowledged snapshots go back to their queues).</summary>
    public void Kill(string name)
    {
        var (actor, connection) = _nodes[name];
        _nodes.Remove(name);
        if (Transport is InMemoryBroker memory)
            memory.Disconnect(connection);
        else
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _system.Stop(actor);
    }

    /// <summary>The services of a trainer of job <paramref name="jobId"/> whose snapshots go through the broker.</summary>
    public TrainingServices Trainer(TrainingServices simulated, ClusterMetrics metrics, string jobId = "job-a", long epoch = 1,
        TimeSpan? fallbackAfter = null, int chunkBytes = 16 << 20)
    {
        var connection = Connect($"trainer {jobId}");
        var options = new ClusterOptions(jobId, $"trainer-{jobId}", epoch) { FallbackAfter = fallbackAfter ?? TimeSpan.FromSeconds(10), ChunkBytes = chunkBytes };
        return simulated with { Preconditioners = side => ClusterPreconditioners.Props(options, connection, side.PublishTo, metrics, side.LocalPool) };
    }

    /// <summary>A connection of its own, for a test playing a trainer or host by hand.</summary>
    public IBrokerConnection Connect(string name) => Open(Transport, name);

    /// <summary>A connection to <paramref name="broker"/>, waited for.</summary>
    public static IBrokerConnection Open(IBroker broker, string name) => broker.ConnectAsync(name).GetAwaiter().GetResult();

    /// <summary>Publishes <paramref name="body"/> on a channel of its own, waited for.</summary>
    public static void Publish(IBrokerConnection connection, string exchange, string routingKey, byte[] body)
    {
        var channel = connection.OpenChannelAsync(0).GetAwaiter().GetResult();
        channel.PublishAsync(exchange, routingKey, body).GetAwaiter().GetResult();
    }

    /// <summary>At <paramref name="at"/> after now on the system's clock, runs <paramref name="action"/>.</summary>
    public void At(TimeSpan at, Action action) => _system.Scheduler.ScheduleOnce(at, action);

    /// <summary>The tiny job: <paramref name="steps"/> steps of 100 ms, roots every 5 steps from step 5, under <paramref name="services"/>.</summary>
    public static TrainingJob Job(long steps, TrainingServices services, RecordingObserver? observer = null) =>
        TinyJob.Create(steps, observer ?? new RecordingObserver(), new PreconditioningOptions { Workers = 16 }, services, TinyJob.Shampoo(5, 5));

    /// <summary>The simulator's services: steps of 100 ms, every root computation taking <paramref name="delay"/>.</summary>
    public TrainingServices Simulated(TimeSpan delay) => StalenessSimulation.Services(_system, DelayModel.Constant(delay), StepTime);

    public static readonly TimeSpan StepTime = TimeSpan.FromMilliseconds(100);
}
