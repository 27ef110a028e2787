namespace ShampooActors.Actors.Cluster.Transport;

public sealed partial class InMemoryBroker
{
    private sealed record Exchange(ExchangeKind Kind, List<(string Queue, string Key)> Bindings);

    private sealed class Message(byte[] body, string routingKey)
    {
        public byte[] Body { get; } = body;

        public string RoutingKey { get; } = routingKey;

        public bool Redelivered { get; set; }

        public string? DeathReason { get; init; }
    }

    private sealed class Queue(QueueSpec spec, Connection? owner, TimeSpan now)
    {
        public QueueSpec Spec { get; } = spec;

        public Connection? Owner { get; } = owner;

        public LinkedList<Message> Ready { get; } = new();

        public List<Consumer> Consumers { get; } = [];

        public int NextConsumer { get; set; }

        public TimeSpan LastUsed { get; set; } = now;

        public bool HadConsumers { get; set; }
    }

    private sealed record Consumer(string Tag, Queue Queue, Channel Channel, Func<BrokerDelivery, Task> Handler);

    private sealed record Unacked(Queue Queue, Message Message);

    private sealed class Connection(InMemoryBroker broker, string clientName) : IBrokerConnection
    {
        public string ClientName { get; } = clientName;

        public bool IsOpen { get; set; } = true;

        public bool Closed { get; set; }

        public List<Channel> Channels { get; } = [];

        public event Action<BrokerConnectionState>? StateChanged;

        public void Raise(BrokerConnectionState state) => StateChanged?.Invoke(state);

        public Task<IBrokerChannel> OpenChannelAsync(int prefetch, CancellationToken cancellationToken = default)
        {
            lock (broker._gate)
            {
                broker.CheckOpen(this);
                var channel = new Channel(broker, this, prefetch);
                Channels.Add(channel);
                return Task.FromResult<IBrokerChannel>(channel);
            }
        }

        public ValueTask DisposeAsync()
        {
            lock (broker._gate)
                broker.Close(this);
            broker.Pump();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Channel(InMemoryBroker broker, Connection connection, int prefetch) : IBrokerChannel
    {
        private ulong _nextTag;
        private int _nextConsumer;

        public Connection Connection { get; } = connection;

        public int Prefetch { get; } = prefetch;

        public bool Closed { get; set; }

        public bool InHandler { get; set; }

        public Dictionary<ulong, Unacked> Unacked { get; } = [];

        public List<Consumer> Consumers { get; } = [];

        public bool HasCapacity => !Closed && !InHandler && (Prefetch == 0 || Unacked.Count < Prefetch);

        public ulong NextTag() => ++_nextTag;

        /// <summary>The broker restarted: the channel's consumers and deliveries are gone (it stays usable after the restart).</summary>
        public void Reset()
        {
            Unacked.Clear();
            Consumers.Clear();
        }

        public Task DeclareExchangeAsync(string name, ExchangeKind kind, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => broker.DeclareExchange(name, kind));

        public Task DeclareQueueAsync(QueueSpec spec, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => broker.DeclareQueue(spec, Connection));

        public Task BindQueueAsync(string queue, string exchange, string routingKey, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => broker.Bind(queue, exchange, routingKey));

        public Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => broker.DeleteQueue(queue));

        public Task PublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => broker.Route(exchange, routingKey, new Message(body.ToArray(), routingKey)));

        public Task<string> ConsumeAsync(string queue, Func<BrokerDelivery, Task> onDelivery, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => broker.Consume(this, queue, $"ctag-{++_nextConsumer}", onDelivery));

        public Task CancelConsumerAsync(string consumerTag, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => broker.Cancel(this, consumerTag));

        public Task<BrokerDelivery?> GetAsync(string queue, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => broker.Get(this, queue));

        public Task AckAsync(ulong deliveryTag, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => Unacked.Remove(deliveryTag));

        public Task RejectAsync(ulong deliveryTag, bool requeue, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => broker.Reject(this, deliveryTag, requeue));

        public Task<uint> MessageCountAsync(string queue, CancellationToken cancellationToken = default) =>
            broker.Do(this, () => (uint)broker.Existing(queue).Ready.Count);

        public ValueTask DisposeAsync()
        {
            lock (broker._gate)
                broker.CloseChannel(this);
            broker.Pump();
            return ValueTask.CompletedTask;
        }
    }
}
