namespace ShampooActors.Actors.Cluster.Transport;

// The channel operations, each run by Run: under the lock, then the handlers it made deliverable.
public sealed partial class InMemoryBroker
{
    internal Task DeclareExchange(InMemoryChannel channel, string name, ExchangeKind kind, CancellationToken cancellationToken) =>
        Run(channel, $"declare exchange '{name}'", what =>
        {
            if (name.Length == 0)
                throw Refuse(channel, what, "ACCESS_REFUSED - operation not permitted on the default exchange");
            if (name.StartsWith("amq.", StringComparison.Ordinal))
                throw Refuse(channel, what, $"ACCESS_REFUSED - exchange name '{name}' contains reserved prefix 'amq.*'");
            if (_exchanges.TryGetValue(name, out var existing))
            {
                if (existing.Kind != kind)
                    throw Refuse(channel, what, $"PRECONDITION_FAILED - inequivalent arg 'type' for exchange '{name}' in vhost '/': " +
                        $"received '{Kind(kind)}' but current is '{Kind(existing.Kind)}'");
                return;
            }
            _exchanges.Add(name, new MemoryExchange(name, kind));
        }, cancellationToken);

    internal Task DeclareQueue(InMemoryChannel channel, QueueSpec spec, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec.Name, nameof(spec));
        if (spec.MaxLength is { } maxLength)
            ArgumentOutOfRangeException.ThrowIfNegative(maxLength, nameof(QueueSpec.MaxLength));
        if (spec.Expires is { } expires)
            ArgumentOutOfRangeException.ThrowIfLessThan(expires, TimeSpan.FromMilliseconds(1), nameof(QueueSpec.Expires));
        return Run(channel, $"declare queue '{spec.Name}'", what =>
        {
            if (spec.Name.StartsWith("amq.", StringComparison.Ordinal))
                throw Refuse(channel, what, $"ACCESS_REFUSED - queue name '{spec.Name}' contains reserved prefix 'amq.*'");
            if (_queues.TryGetValue(spec.Name, out var existing))
            {
                if (existing.Owner != (spec.Exclusive ? channel.Connection : null))
                    throw Refuse(channel, what, Locked(spec.Name));
                if (FirstDifference(existing.Spec, spec) is { } argument)
                    throw Refuse(channel, what, $"PRECONDITION_FAILED - inequivalent arg '{argument}' for queue '{spec.Name}' in vhost '/'");
                existing.LastUsed = Now;
                return;
            }
            var queue = new MemoryQueue(spec, spec.Exclusive ? channel.Connection : null, Now);
            _queues.Add(spec.Name, queue);
            _queueOrder.Add(queue);
        }, cancellationToken);
    }

    internal Task BindQueue(InMemoryChannel channel, string queueName, string exchangeName, string routingKey, CancellationToken cancellationToken) =>
        Run(channel, $"bind queue '{queueName}' to exchange '{exchangeName}'", what =>
        {
            if (exchangeName.Length == 0)
                throw Refuse(channel, what, "ACCESS_REFUSED - operation not permitted on the default exchange");
            var queue = Usable(channel, what, queueName);
            if (!_exchanges.TryGetValue(exchangeName, out var exchange))
                throw Refuse(channel, what, $"NOT_FOUND - no exchange '{exchangeName}' in vhost '/'");
            var key = exchange.Kind == ExchangeKind.Fanout ? "" : routingKey;
            if (!exchange.Bindings.Contains((queue, key)))
                exchange.Bindings.Add((queue, key));
        }, cancellationToken);

    internal Task DeleteQueue(InMemoryChannel channel, string queueName, CancellationToken cancellationToken) =>
        Run(channel, $"delete queue '{queueName}'", what =>
        {
            if (!_queues.TryGetValue(queueName, out var queue))
                return;
            if (queue.Owner is not null && queue.Owner != channel.Connection)
                throw Refuse(channel, what, Locked(queueName));
            Delete(queue);
        }, cancellationToken);

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

    /// <summary>The queue <paramref name="name"/>, which must exist and, if exclusive, belong to the channel's connection.</summary>
    private MemoryQueue Usable(InMemoryChannel channel, string what, string name)
    {
        if (!_queues.TryGetValue(name, out var queue))
            throw Refuse(channel, what, $"NOT_FOUND - no queue '{name}' in vhost '/'");
        if (queue.Owner is not null && queue.Owner != channel.Connection)
            throw Refuse(channel, what, Locked(name));
        return queue;
    }

    private static string Locked(string queue) => $"RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '{queue}' in vhost '/'";

    private static string Kind(ExchangeKind kind) => kind == ExchangeKind.Fanout ? "fanout" : "direct";

    // The arguments RabbitMQ checks for equivalence on a redeclare, in its names.
    private static string? FirstDifference(QueueSpec current, QueueSpec requested) =>
        current.AutoDelete != requested.AutoDelete ? "auto_delete"
        : current.MaxLength != requested.MaxLength ? "x-max-length"
        : current.DeadLetterExchange != requested.DeadLetterExchange ? "x-dead-letter-exchange"
        : current.DeadLetterRoutingKey != requested.DeadLetterRoutingKey ? "x-dead-letter-routing-key"
        : current.Expires != requested.Expires ? "x-expires"
        : null;

    /// <summary>The channel-level refusal AMQP answers with: the channel closes, and the caller throws what this returns.</summary>
    private BrokerException Refuse(InMemoryChannel channel, string what, string replyText)
    {
        CloseChannel(channel, replyText);
        return new BrokerException($"the broker at {Address} refused to {what}: {replyText}");
    }

    private Task Run(InMemoryChannel channel, string what, Action<string> operation, CancellationToken cancellationToken) =>
        Run<bool>(channel, what, w =>
        {
            operation(w);
            return true;
        }, cancellationToken);

    private Task<T> Run<T>(InMemoryChannel channel, string what, Func<string, T> operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<T>(cancellationToken);
        T result = default!;
        Exception? error = null;
        lock (_gate)
        {
            try
            {
                if (channel.Connection.State != InMemoryConnection.Status.Open)
                    throw Down(channel.Connection, what);
                if (channel.ClosedBecause is { } reason)
                    throw new BrokerException($"cannot {what}: the channel is closed ({reason})");
                Expire();
                result = operation(what);
            }
            catch (BrokerException e)
            {
                error = e;
            }
            DeliverAll();
        }
        Pump();
        return error is null ? Task.FromResult(result) : Task.FromException<T>(error);
    }
}
