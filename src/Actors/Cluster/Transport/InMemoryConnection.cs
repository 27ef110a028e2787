namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>A connection to an <see cref="InMemoryBroker"/>; its state changes under the broker's lock.</summary>
internal sealed class InMemoryConnection(InMemoryBroker broker, string clientName) : IBrokerConnection
{
    /// <summary>Open, lost while the broker is stopped, or closed for good.</summary>
    internal enum Status { Open, Lost, Closed }

    public InMemoryBroker Broker { get; } = broker;

    public string ClientName { get; } = clientName;

    internal Status State { get; set; }

    internal List<InMemoryChannel> Channels { get; } = [];

    public bool IsOpen => Broker.IsOpen(this);

    public event Action<BrokerConnectionState>? StateChanged;

    public Task<IBrokerChannel> OpenChannelAsync(int prefetch, CancellationToken cancellationToken = default) =>
        Broker.OpenChannel(this, prefetch, cancellationToken);

    public ValueTask DisposeAsync()
    {
        Broker.Close(this);
        return ValueTask.CompletedTask;
    }

    internal void Raise(BrokerConnectionState state) => StateChanged?.Invoke(state);
}
