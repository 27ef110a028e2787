namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>A channel of an <see cref="InMemoryBroker"/>: every operation runs on the broker under its lock.</summary>
internal sealed class InMemoryChannel(InMemoryConnection connection, int prefetch) : IBrokerChannel
{
    public InMemoryConnection Connection { get; } = connection;

    private InMemoryBroker Broker => Connection.Broker;

    /// <summary>The most unacknowledged consumer deliveries the channel holds at once; 0: no limit.</summary>
    public int Prefetch { get; } = prefetch;

    public ulong NextTag { get; set; } = 1;

    /// <summary>Tags below this one were issued before the broker restarted: acknowledging them does nothing.</summary>
    public ulong TagFloor { get; set; } = 1;

    public int NextConsumer { get; set; } = 1;

    public SortedDictionary<ulong, MemoryPending> Unacked { get; } = [];

    /// <summary>Unacknowledged deliveries to consumers (those of <see cref="GetAsync"/> do not count against the prefetch).</summary>
    public int ConsumerUnacked { get; set; }

    public List<MemoryConsumer> Consumers { get; } = [];

    /// <summary>Why the channel was closed, or null while it is open.</summary>
    public string? ClosedBecause { get; set; }

    /// <summary>A handler of this channel is running: the next delivery waits for it.</summary>
    public bool Dispatching { get; set; }

    public bool HasRoom => Prefetch == 0 || ConsumerUnacked < Prefetch;

    public Task DeclareExchangeAsync(string name, ExchangeKind kind, CancellationToken cancellationToken = default) =>
        Broker.DeclareExchange(this, name, kind, cancellationToken);

    public Task DeclareQueueAsync(QueueSpec spec, CancellationToken cancellationToken = default) =>
        Broker.DeclareQueue(this, spec, cancellationToken);

    public Task BindQueueAsync(string queue, string exchange, string routingKey, CancellationToken cancellationToken = default) =>
        Broker.BindQueue(this, queue, exchange, routingKey, cancellationToken);

    public Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        Broker.DeleteQueue(this, queue, cancellationToken);

    public Task PublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        Broker.Publish(this, exchange, routingKey, body, cancellationToken);

    public Task<string> ConsumeAsync(string queue, Func<BrokerDelivery, Task> onDelivery, CancellationToken cancellationToken = default) =>
        Broker.Consume(this, queue, onDelivery, cancellationToken);

    public Task CancelConsumerAsync(string consumerTag, CancellationToken cancellationToken = default) =>
        Broker.CancelConsumer(this, consumerTag, cancellationToken);

    public Task<BrokerDelivery?> GetAsync(string queue, CancellationToken cancellationToken = default) =>
        Broker.Get(this, queue, cancellationToken);

    public Task AckAsync(ulong deliveryTag, CancellationToken cancellationToken = default) =>
        Broker.Ack(this, deliveryTag, cancellationToken);

    public Task RejectAsync(ulong deliveryTag, bool requeue, CancellationToken cancellationToken = default) =>
        Broker.Reject(this, deliveryTag, requeue, cancellationToken);

    public Task<uint> MessageCountAsync(string queue, CancellationToken cancellationToken = default) =>
        Broker.MessageCount(this, queue, cancellationToken);

    public ValueTask DisposeAsync()
    {
        Broker.Close(this);
        return ValueTask.CompletedTask;
    }
}
