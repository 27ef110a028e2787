namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>
/// A deterministic model of the RabbitMQ semantics the cluster relies on, for tests in virtual time: default, direct and
/// fanout exchanges; non-durable queues with drop-head max-length, dead-lettering (reasons "rejected", "maxlen"), expiry,
/// exclusive and auto-delete queues; manual acknowledgement with channel-wide prefetch; unacknowledged deliveries requeued
/// (redelivered) when their channel closes. Handlers run synchronously, on the thread whose operation made a message
/// deliverable, never reentrantly and never two at once. Faults: <see cref="Disconnect"/> (a process died), <see cref="Stop"/>
/// and <see cref="Start"/> (a broker restart: non-durable objects are lost, connections recover).
/// </summary>
public sealed partial class InMemoryBroker : IBroker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Exchange> _exchanges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private readonly List<Connection> _connections = [];
    private readonly (string User, string Password)? _credentials;
    private readonly Func<TimeSpan>? _clock;
    private bool _running = true;
    private bool _pumping;

    /// <summary>A broker accepting <paramref name="credentials"/> only (null: any), with <paramref name="clock"/> for queue expiry (null: queues never expire).</summary>
    public InMemoryBroker((string User, string Password)? credentials = null, Func<TimeSpan>? clock = null)
    {
        _credentials = credentials;
        _clock = clock;
    }

    /// <summary>Messages published, counted per exchange ("" for the default exchange).</summary>
    public IReadOnlyDictionary<string, long> Published
    {
        get
        {
            lock (_gate)
                return new Dictionary<string, long>(_published);
        }
    }

    private readonly Dictionary<string, long> _published = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IBrokerConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_running)
                throw new BrokerUnreachableException("no broker answers (the in-memory broker is stopped)");
            var connection = new Connection(this, clientName);
            _connections.Add(connection);
            return Task.FromResult<IBrokerConnection>(connection);
        }
    }

    /// <summary>A client of this broker that logs in as <paramref name="user"/>: its connections are refused unless the credentials are the accepted ones.</summary>
    public IBroker As(string user, string password) => new Client(this, user, password);

    private sealed class Client(InMemoryBroker broker, string user, string password) : IBroker
    {
        public Task<IBrokerConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default) =>
            broker._credentials is { } accepted && (accepted.User != user || accepted.Password != password)
                ? throw new BrokerAuthenticationException($"the broker refused user '{user}' (ACCESS_REFUSED)")
                : broker.ConnectAsync(clientName, cancellationToken);
    }

    /// <summary>The connection's process died: it closes for good, its unacknowledged deliveries are requeued and its exclusive queues deleted.</summary>
    public void Disconnect(IBrokerConnection connection)
    {
        lock (_gate)
            Close((Connection)connection);
        Pump();
    }

    /// <summary>The broker goes down: every queue, exchange and message is lost, every connection is lost until <see cref="Start"/>.</summary>
    public void Stop()
    {
        List<Connection> lost;
        lock (_gate)
        {
            _running = false;
            _exchanges.Clear();
            _queues.Clear();
            lost = _connections.Where(c => c.IsOpen).ToList();
            foreach (var connection in lost)
            {
                connection.IsOpen = false;
                foreach (var channel in connection.Channels)
                    channel.Reset();
            }
        }
        foreach (var connection in lost)
            connection.Raise(BrokerConnectionState.Lost);
    }

    /// <summary>The broker is back: every lost connection recovers (its owners declare their topology again).</summary>
    public void Start()
    {
        List<Connection> recovered;
        lock (_gate)
        {
            _running = true;
            recovered = _connections.Where(c => !c.IsOpen && !c.Closed).ToList();
            foreach (var connection in recovered)
                connection.IsOpen = true;
        }
        foreach (var connection in recovered)
            connection.Raise(BrokerConnectionState.Recovered);
    }

    /// <summary>Ready messages in <paramref name="queue"/> (0 when it does not exist).</summary>
    public int ReadyCount(string queue)
    {
        lock (_gate)
            return _queues.TryGetValue(queue, out var q) ? q.Ready.Count : 0;
    }

    /// <summary>Deliveries of <paramref name="queue"/> not yet acknowledged.</summary>
    public int UnackedCount(string queue)
    {
        lock (_gate)
            return _connections.SelectMany(c => c.Channels).Sum(ch => ch.Unacked.Values.Count(u => u.Queue.Spec.Name == queue));
    }

    /// <summary>Whether a queue named <paramref name="queue"/> exists.</summary>
    public bool HasQueue(string queue)
    {
        lock (_gate)
        {
            Expire();
            return _queues.ContainsKey(queue);
        }
    }

    /// <summary>The names of the queues that exist.</summary>
    public IReadOnlyList<string> QueueNames
    {
        get
        {
            lock (_gate)
            {
                Expire();
                return _queues.Keys.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }
}
