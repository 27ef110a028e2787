namespace ShampooActors.Actors.Cluster.Transport;

// Declaring and deleting exchanges, queues and bindings.
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
}
