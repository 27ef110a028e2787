using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Bench;

/// <summary>
/// A broker connection that makes some operations take time on a clock (virtual in the simulation), to stand for the wire
/// work a real party does around them: a publish waits <c>publishDelay(exchange, routingKey)</c> before it reaches the broker
/// (encoding, the transfer and the confirm), an acknowledgement waits <c>ackDelay(queue)</c> for a delivery from that queue
/// (the decoding and validation that precede it in the cluster's code). The awaiting actor is busy for that long, as it is
/// for the real work. Everything else goes straight to the inner connection.
/// </summary>
internal sealed class DelayedConnection(IBrokerConnection inner, TimeProvider clock, Func<string, string, TimeSpan> publishDelay, Func<string, TimeSpan> ackDelay)
    : IBrokerConnection
{
    public string ClientName => inner.ClientName;

    public bool IsOpen => inner.IsOpen;

    public event Action<BrokerConnectionState>? StateChanged
    {
        add => inner.StateChanged += value;
        remove => inner.StateChanged -= value;
    }

    public async Task<IBrokerChannel> OpenChannelAsync(int prefetch, CancellationToken cancellationToken = default) =>
        new DelayedChannel(await inner.OpenChannelAsync(prefetch, cancellationToken), clock, publishDelay, ackDelay);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class DelayedChannel(IBrokerChannel inner, TimeProvider clock, Func<string, string, TimeSpan> publishDelay, Func<string, TimeSpan> ackDelay)
        : IBrokerChannel
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<ulong, string> _queues = [];

        public Task DeclareExchangeAsync(string name, ExchangeKind kind, CancellationToken cancellationToken = default) =>
            inner.DeclareExchangeAsync(name, kind, cancellationToken);

        public Task DeclareQueueAsync(QueueSpec spec, CancellationToken cancellationToken = default) => inner.DeclareQueueAsync(spec, cancellationToken);

        public Task BindQueueAsync(string queue, string exchange, string routingKey, CancellationToken cancellationToken = default) =>
            inner.BindQueueAsync(queue, exchange, routingKey, cancellationToken);

        public Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default) => inner.DeleteQueueAsync(queue, cancellationToken);

        public async Task PublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            var delay = publishDelay(exchange, routingKey);
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, clock, cancellationToken);
            await inner.PublishAsync(exchange, routingKey, body, cancellationToken);
        }

        public Task<string> ConsumeAsync(string queue, Func<BrokerDelivery, Task> onDelivery, CancellationToken cancellationToken = default) =>
            inner.ConsumeAsync(queue, delivery =>
            {
                lock (_gate)
                    _queues[delivery.DeliveryTag] = delivery.Queue;
                return onDelivery(delivery);
            }, cancellationToken);

        public Task CancelConsumerAsync(string consumerTag, CancellationToken cancellationToken = default) => inner.CancelConsumerAsync(consumerTag, cancellationToken);

        public Task<BrokerDelivery?> GetAsync(string queue, CancellationToken cancellationToken = default) => inner.GetAsync(queue, cancellationToken);

        public async Task AckAsync(ulong deliveryTag, CancellationToken cancellationToken = default)
        {
            string? queue;
            lock (_gate)
                _queues.Remove(deliveryTag, out queue);
            var delay = queue is null ? TimeSpan.Zero : ackDelay(queue);
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, clock, cancellationToken);
            await inner.AckAsync(deliveryTag, cancellationToken);
        }

        public Task RejectAsync(ulong deliveryTag, bool requeue, CancellationToken cancellationToken = default)
        {
            lock (_gate)
                _queues.Remove(deliveryTag);
            return inner.RejectAsync(deliveryTag, requeue, cancellationToken);
        }

        public Task<uint> MessageCountAsync(string queue, CancellationToken cancellationToken = default) => inner.MessageCountAsync(queue, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
