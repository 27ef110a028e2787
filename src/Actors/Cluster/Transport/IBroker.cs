namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>Opens connections to a message broker: RabbitMQ (<c>RabbitMqBroker</c>) or the in-memory model the tests run on (<c>InMemoryBroker</c>).</summary>
public interface IBroker
{
    /// <summary>
    /// A new open connection that names itself <paramref name="clientName"/> to the broker. Throws
    /// <see cref="BrokerAuthenticationException"/> when the credentials are refused and <see cref="BrokerUnreachableException"/>
    /// when no broker answers, each with a one-line message.
    /// </summary>
    Task<IBrokerConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default);
}

/// <summary>
/// One connection to the broker. It recovers by itself after the broker restarts or the network drops: it raises
/// <see cref="StateChanged"/> with <see cref="BrokerConnectionState.Lost"/> and later <see cref="BrokerConnectionState.Recovered"/>;
/// its channels then work again, but queues, exchanges, bindings and consumers are not restored by the connection:
/// the owner declares them again on <see cref="BrokerConnectionState.Recovered"/> (declarations are idempotent).
/// </summary>
public interface IBrokerConnection : IAsyncDisposable
{
    /// <summary>The name the connection gave the broker.</summary>
    string ClientName { get; }

    /// <summary>Whether the connection is open now (false while it is lost or after it was closed).</summary>
    bool IsOpen { get; }

    /// <summary>Raised, on any thread, when the connection is lost and when it is recovered.</summary>
    event Action<BrokerConnectionState>? StateChanged;

    /// <summary>
    /// A channel whose consumers together hold at most <paramref name="prefetch"/> unacknowledged deliveries (0: no limit);
    /// its publishes complete only when the broker has confirmed them.
    /// </summary>
    Task<IBrokerChannel> OpenChannelAsync(int prefetch, CancellationToken cancellationToken = default);
}

/// <summary>The connection events of <see cref="IBrokerConnection.StateChanged"/>.</summary>
public enum BrokerConnectionState
{
    /// <summary>The connection dropped; operations fail until it is recovered.</summary>
    Lost,

    /// <summary>The connection is back; the owner declares its topology again and consumes again.</summary>
    Recovered,
}

/// <summary>
/// One channel: the subset of AMQP 0-9-1 the cluster uses. Every operation throws <see cref="BrokerException"/> (one line)
/// when the broker refuses it or the connection is down.
/// </summary>
public interface IBrokerChannel : IAsyncDisposable
{
    /// <summary>Declares a non-durable exchange (idempotent for the same kind).</summary>
    Task DeclareExchangeAsync(string name, ExchangeKind kind, CancellationToken cancellationToken = default);

    /// <summary>Declares a queue (idempotent for the same arguments).</summary>
    Task DeclareQueueAsync(QueueSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Binds <paramref name="queue"/> to <paramref name="exchange"/> with <paramref name="routingKey"/> (ignored by fanout exchanges).</summary>
    Task BindQueueAsync(string queue, string exchange, string routingKey, CancellationToken cancellationToken = default);

    /// <summary>Deletes a queue and its messages; a queue that does not exist is not an error.</summary>
    Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes <paramref name="body"/> to <paramref name="exchange"/> ("" is the default exchange, which routes to the queue
    /// named by <paramref name="routingKey"/>); completes when the broker has confirmed it.
    /// </summary>
    Task PublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default);

    /// <summary>
    /// Consumes <paramref name="queue"/> with manual acknowledgement; <paramref name="onDelivery"/> runs once per delivery
    /// (on any thread, never two at once for one channel) and owns the delivery's body. Returns the consumer tag.
    /// </summary>
    Task<string> ConsumeAsync(string queue, Func<BrokerDelivery, Task> onDelivery, CancellationToken cancellationToken = default);

    /// <summary>Stops a consumer; its unacknowledged deliveries stay unacknowledged until acked, rejected or the channel closes.</summary>
    Task CancelConsumerAsync(string consumerTag, CancellationToken cancellationToken = default);

    /// <summary>Takes one message from <paramref name="queue"/> (manual acknowledgement), or null when it is empty.</summary>
    Task<BrokerDelivery?> GetAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges a delivery of this channel; a tag from before a recovery is ignored.</summary>
    Task AckAsync(ulong deliveryTag, CancellationToken cancellationToken = default);

    /// <summary>Rejects a delivery of this channel: back to its queue when <paramref name="requeue"/>, else dead-lettered (or dropped without a dead-letter exchange).</summary>
    Task RejectAsync(ulong deliveryTag, bool requeue, CancellationToken cancellationToken = default);

    /// <summary>The number of ready (not unacknowledged) messages in <paramref name="queue"/>.</summary>
    Task<uint> MessageCountAsync(string queue, CancellationToken cancellationToken = default);
}

/// <summary>One message delivered to a consumer or taken by <see cref="IBrokerChannel.GetAsync"/>.</summary>
/// <param name="Queue">The queue it came from.</param>
/// <param name="DeliveryTag">The tag to acknowledge or reject it with, on the channel it came through.</param>
/// <param name="Redelivered">Whether the broker delivered it before (to a consumer that did not acknowledge it).</param>
/// <param name="Body">The body, a copy the receiver owns.</param>
/// <param name="DeathReason">For a dead letter, why its first queue dropped it (RabbitMQ's <c>x-first-death-reason</c>: "rejected", "maxlen", "expired"); else null.</param>
public sealed record BrokerDelivery(string Queue, ulong DeliveryTag, bool Redelivered, byte[] Body, string? DeathReason = null);

/// <summary>The exchange types the cluster uses.</summary>
public enum ExchangeKind
{
    /// <summary>Routes to the queues bound with the message's routing key.</summary>
    Direct,

    /// <summary>Routes to every bound queue.</summary>
    Fanout,
}

/// <summary>A queue declaration: the name and the arguments the cluster uses (all queues are non-durable).</summary>
/// <param name="Name">The queue's name.</param>
public sealed record QueueSpec(string Name)
{
    /// <summary>Used by its declaring connection only, and deleted when that connection closes.</summary>
    public bool Exclusive { get; init; }

    /// <summary>Deleted when its last consumer is cancelled.</summary>
    public bool AutoDelete { get; init; }

    /// <summary><c>x-max-length</c>: at most this many ready messages; a new one drops the oldest (drop-head). Null: no limit.</summary>
    public int? MaxLength { get; init; }

    /// <summary><c>x-dead-letter-exchange</c>: where rejected (not requeued) and dropped messages go. Null: they are discarded.</summary>
    public string? DeadLetterExchange { get; init; }

    /// <summary><c>x-dead-letter-routing-key</c>: the routing key dead letters get; null keeps the message's own.</summary>
    public string? DeadLetterRoutingKey { get; init; }

    /// <summary><c>x-expires</c>: the queue is deleted after it has been unused (no consumer, no get) this long. Null: never.</summary>
    public TimeSpan? Expires { get; init; }
}

/// <summary>A broker operation failed; the message is one line fit for a user.</summary>
public class BrokerException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The broker refused the credentials.</summary>
public sealed class BrokerAuthenticationException(string message, Exception? inner = null) : BrokerException(message, inner);

/// <summary>No broker answered at the configured address.</summary>
public sealed class BrokerUnreachableException(string message, Exception? inner = null) : BrokerException(message, inner);
