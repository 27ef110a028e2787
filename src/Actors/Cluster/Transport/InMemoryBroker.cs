namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>
/// A deterministic in-memory model of the RabbitMQ 3.10 behaviour <see cref="RabbitMqBroker"/> relies on, for tests in
/// virtual time. It has no threads or timers: every operation returns a completed task and runs the consumer handlers it
/// makes deliverable before it returns (one at a time, never reentrantly). <see cref="Disconnect"/>, <see cref="Stop"/> and
/// <see cref="Start"/> inject faults; the introspection members tell a test what the queues hold.
/// </summary>
public sealed partial class InMemoryBroker : IBroker
{
    /// <summary>How error messages name this broker, where RabbitMqBroker writes "host:port".</summary>
    public const string Address = "in-memory";

    private const string GuestUser = "guest";
    private readonly Lock _gate = new();
    private readonly Func<TimeSpan>? _clock;
    private readonly (string User, string Password)? _accepted;
    private readonly List<InMemoryConnection> _connections = [];
    private bool _running = true;

    /// <summary>A broker that accepts any credentials. <paramref name="clock"/> (virtual time) drives <c>x-expires</c>; without one queues never expire.</summary>
    public InMemoryBroker(Func<TimeSpan>? clock = null) => _clock = clock;

    /// <summary>A broker that accepts only <paramref name="user"/> with <paramref name="password"/>, which it also connects as.</summary>
    public InMemoryBroker(string user, string password, Func<TimeSpan>? clock = null)
        : this(clock) => _accepted = (user, password);

    /// <summary>Whether the broker is up (between <see cref="Stop"/> and <see cref="Start"/> it is not).</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
                return _running;
        }
    }

    /// <summary>Connects with the credentials the broker accepts.</summary>
    public Task<IBrokerConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default) =>
        Connect(clientName, _accepted?.User ?? GuestUser, _accepted?.Password ?? GuestUser, cancellationToken);

    /// <summary>A client of this broker that presents <paramref name="user"/> and <paramref name="password"/>.</summary>
    public IBroker As(string user, string password) => new Client(this, user, password);

    /// <summary>
    /// The process behind <paramref name="connection"/> died: the connection closes for good without an event, its
    /// unacknowledged deliveries return to their queues as redelivered, and its exclusive queues are deleted.
    /// </summary>
    public void Disconnect(IBrokerConnection connection)
    {
        if (connection is not InMemoryConnection mine || mine.Broker != this)
            throw new ArgumentException("not a connection of this broker", nameof(connection));
        Close(mine);
    }

    /// <summary>
    /// The broker goes down: every open connection is lost (raises <see cref="BrokerConnectionState.Lost"/>), and since
    /// everything is non-durable all queues, messages, exchanges and bindings are gone. Until <see cref="Start"/>,
    /// operations throw <see cref="BrokerException"/> and connecting throws <see cref="BrokerUnreachableException"/>.
    /// </summary>
    public void Stop()
    {
        List<InMemoryConnection> lost;
        lock (_gate)
        {
            if (!_running)
                return;
            _running = false;
            lost = _connections.Where(c => c.State == InMemoryConnection.Status.Open).ToList();
            foreach (var connection in lost)
            {
                connection.State = InMemoryConnection.Status.Lost;
                foreach (var channel in connection.Channels)
                    Forget(channel);
            }
            _outbox.Clear();
            _queues.Clear();
            _queueOrder.Clear();
            _exchanges.Clear();
        }
        foreach (var connection in lost)
            connection.Raise(BrokerConnectionState.Lost);
    }

    /// <summary>The broker is back, empty: lost connections and their channels work again and raise <see cref="BrokerConnectionState.Recovered"/>.</summary>
    public void Start()
    {
        List<InMemoryConnection> recovered;
        lock (_gate)
        {
            if (_running)
                return;
            _running = true;
            recovered = _connections.Where(c => c.State == InMemoryConnection.Status.Lost).ToList();
            foreach (var connection in recovered)
                connection.State = InMemoryConnection.Status.Open;
        }
        foreach (var connection in recovered)
            connection.Raise(BrokerConnectionState.Recovered);
    }

    internal bool IsOpen(InMemoryConnection connection)
    {
        lock (_gate)
            return connection.State == InMemoryConnection.Status.Open;
    }

    private Task<IBrokerConnection> Connect(string clientName, string user, string password, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<IBrokerConnection>(cancellationToken);
        lock (_gate)
        {
            if (!_running)
                return Task.FromException<IBrokerConnection>(new BrokerUnreachableException($"no broker answers at {Address} (it is stopped)"));
            if (_accepted is { } accepted && (accepted.User != user || accepted.Password != password))
                return Task.FromException<IBrokerConnection>(new BrokerAuthenticationException($"the broker at {Address} refused user '{user}' (ACCESS_REFUSED)"));
            var connection = new InMemoryConnection(this, clientName);
            _connections.Add(connection);
            return Task.FromResult<IBrokerConnection>(connection);
        }
    }

    internal Task<IBrokerChannel> OpenChannel(InMemoryConnection connection, int prefetch, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefetch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefetch, ushort.MaxValue);
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<IBrokerChannel>(cancellationToken);
        lock (_gate)
        {
            if (connection.State != InMemoryConnection.Status.Open)
                return Task.FromException<IBrokerChannel>(Down(connection, "open a channel"));
            var channel = new InMemoryChannel(connection, prefetch);
            connection.Channels.Add(channel);
            return Task.FromResult<IBrokerChannel>(channel);
        }
    }

    private static BrokerException Down(InMemoryConnection connection, string what) => connection.State == InMemoryConnection.Status.Closed
        ? new BrokerException($"cannot {what}: the connection '{connection.ClientName}' is closed")
        : new BrokerException($"cannot {what}: the connection to the broker at {Address} is down");

    private TimeSpan Now => _clock?.Invoke() ?? TimeSpan.Zero;

    /// <summary>A client view of the broker with its own credentials.</summary>
    private sealed class Client(InMemoryBroker broker, string user, string password) : IBroker
    {
        public Task<IBrokerConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default) =>
            broker.Connect(clientName, user, password, cancellationToken);
    }
}
