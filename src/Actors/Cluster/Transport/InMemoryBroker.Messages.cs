namespace ShampooActors.Actors.Cluster.Transport;

// Publishing, consuming, getting, acknowledging and rejecting messages.
public sealed partial class InMemoryBroker
{
    internal Task Publish(InMemoryChannel channel, string exchange, string routingKey, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        Run(channel, $"publish to exchange '{exchange}' with routing key '{routingKey}'", what =>
        {
            if (exchange.Length > 0 && !_exchanges.ContainsKey(exchange))
                throw Refuse(channel, what, $"NOT_FOUND - no exchange '{exchange}' in vhost '/'");
            _published[exchange] = _published.GetValueOrDefault(exchange) + 1;
            var copy = body.ToArray();
            foreach (var queue in Route(exchange, routingKey))
                Enqueue(queue, new MemoryMessage(copy, routingKey, _sequence++, []));
        }, cancellationToken);

    internal Task<string> Consume(InMemoryChannel channel, string queueName, Func<BrokerDelivery, Task> onDelivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onDelivery);
        return Run(channel, $"consume queue '{queueName}'", what =>
        {
            var queue = Usable(channel, what, queueName);
            var consumer = new MemoryConsumer($"ctag-{channel.NextConsumer++}", queue, channel, onDelivery);
            queue.Consumers.Add(consumer);
            channel.Consumers.Add(consumer);
            queue.LastUsed = Now;
            return consumer.Tag;
        }, cancellationToken);
    }

    internal Task CancelConsumer(InMemoryChannel channel, string consumerTag, CancellationToken cancellationToken) =>
        Run(channel, $"cancel consumer '{consumerTag}'", _ =>
        {
            if (channel.Consumers.Find(c => c.Tag == consumerTag) is { } consumer)
                Cancel(consumer);
        }, cancellationToken);

    internal Task<BrokerDelivery?> Get(InMemoryChannel channel, string queueName, CancellationToken cancellationToken) =>
        Run(channel, $"get from queue '{queueName}'", what =>
        {
            var queue = Usable(channel, what, queueName);
            queue.LastUsed = Now;
            if (queue.Ready.First is not { } first)
                return null;
            queue.Ready.RemoveFirst();
            return Hand(channel, queue, first.Value, toConsumer: false);
        }, cancellationToken);

    internal Task Ack(InMemoryChannel channel, ulong deliveryTag, CancellationToken cancellationToken) =>
        Run(channel, $"acknowledge delivery {deliveryTag}", what =>
        {
            if (Settle(channel, what, deliveryTag) is { } pending)
                _acked[pending.Queue.Name] = _acked.GetValueOrDefault(pending.Queue.Name) + 1;
        }, cancellationToken);

    internal Task Reject(InMemoryChannel channel, ulong deliveryTag, bool requeue, CancellationToken cancellationToken) =>
        Run(channel, $"reject delivery {deliveryTag}", what =>
        {
            if (Settle(channel, what, deliveryTag) is not { } pending || pending.Queue.Deleted)
                return;
            if (requeue)
                Requeue(pending.Queue, [pending.Message]);
            else
                DeadLetter(pending.Queue, pending.Message, "rejected");
        }, cancellationToken);

    internal Task<uint> MessageCount(InMemoryChannel channel, string queueName, CancellationToken cancellationToken) =>
        Run(channel, $"count the messages of queue '{queueName}'", what =>
        {
            // RabbitMQ answers with a passive declare, which renews the queue's x-expires lease like any declare.
            var queue = Usable(channel, what, queueName);
            queue.LastUsed = Now;
            return (uint)queue.Ready.Count;
        }, cancellationToken);

    /// <summary>The unacknowledged delivery <paramref name="deliveryTag"/>, settled; null for a tag from before a restart.</summary>
    private MemoryPending? Settle(InMemoryChannel channel, string what, ulong deliveryTag)
    {
        if (deliveryTag < channel.TagFloor)
            return null;
        if (!channel.Unacked.Remove(deliveryTag, out var pending))
            throw Refuse(channel, what, $"PRECONDITION_FAILED - unknown delivery tag {deliveryTag}");
        pending.Queue.Unacked--;
        if (pending.ToConsumer)
            channel.ConsumerUnacked--;
        return pending;
    }
}
