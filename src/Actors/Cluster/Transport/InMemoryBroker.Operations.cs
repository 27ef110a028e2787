namespace ShampooActors.Actors.Cluster.Transport;

public sealed partial class InMemoryBroker
{
    private TimeSpan Now => _clock?.Invoke() ?? TimeSpan.Zero;

    /// <summary>Runs an operation of <paramref name="channel"/> under the lock, then delivers what became deliverable.</summary>
    private Task Do(Channel channel, Action operation) => Do<bool>(channel, () =>
    {
        operation();
        return true;
    });

    private Task<T> Do<T>(Channel channel, Func<T> operation)
    {
        T result;
        lock (_gate)
        {
            if (channel.Closed)
                return Task.FromException<T>(new BrokerException("the channel is closed"));
            if (!channel.Connection.IsOpen)
                return Task.FromException<T>(new BrokerException($"connection {channel.Connection.ClientName} is lost"));
            Expire();
            try
            {
                result = operation();
            }
            catch (BrokerException e)
            {
                return Task.FromException<T>(e);
            }
        }
        Pump();
        return Task.FromResult(result);
    }

    private void CheckOpen(Connection connection)
    {
        if (connection.Closed || !connection.IsOpen)
            throw new BrokerException($"connection {connection.ClientName} is {(connection.Closed ? "closed" : "lost")}");
    }

    private void DeclareExchange(string name, ExchangeKind kind)
    {
        if (name.Length == 0)
            throw new BrokerException("the default exchange cannot be declared");
        if (_exchanges.TryGetValue(name, out var existing))
        {
            if (existing.Kind != kind)
                throw new BrokerException($"exchange '{name}' exists with type {existing.Kind} (PRECONDITION_FAILED)");
            return;
        }
        _exchanges[name] = new Exchange(kind, []);
    }

    private void DeclareQueue(QueueSpec spec, Connection connection)
    {
        if (_queues.TryGetValue(spec.Name, out var existing))
        {
            if (existing.Spec != spec)
                throw new BrokerException($"queue '{spec.Name}' exists with other arguments (PRECONDITION_FAILED)");
            if (existing.Owner is { } owner && owner != connection)
                throw new BrokerException($"queue '{spec.Name}' is exclusive to another connection (RESOURCE_LOCKED)");
            existing.LastUsed = Now;
            return;
        }
        _queues[spec.Name] = new Queue(spec, spec.Exclusive ? connection : null, Now);
    }

    private void Bind(string queue, string exchange, string routingKey)
    {
        Existing(queue);
        var target = ExistingExchange(exchange);
        if (!target.Bindings.Contains((queue, routingKey)))
            target.Bindings.Add((queue, routingKey));
    }

    private Queue Existing(string queue) =>
        _queues.TryGetValue(queue, out var q) ? q : throw new BrokerException($"no queue '{queue}' (NOT_FOUND)");

    private Exchange ExistingExchange(string exchange) =>
        _exchanges.TryGetValue(exchange, out var e) ? e : throw new BrokerException($"no exchange '{exchange}' (NOT_FOUND)");

    private void DeleteQueue(string queue)
    {
        if (!_queues.Remove(queue, out var removed))
            return;
        foreach (var exchange in _exchanges.Values)
            exchange.Bindings.RemoveAll(b => b.Queue == queue);
        foreach (var consumer in removed.Consumers)
            consumer.Channel.Consumers.Remove(consumer);
    }

    /// <summary>Routes a message from <paramref name="exchange"/> ("" routes to the queue named by the key); unroutable messages are dropped.</summary>
    private void Route(string exchange, string routingKey, Message message)
    {
        _published[exchange] = _published.GetValueOrDefault(exchange) + 1;
        if (exchange.Length == 0)
        {
            if (_queues.TryGetValue(routingKey, out var direct))
                Enqueue(direct, message);
            return;
        }
        var target = ExistingExchange(exchange);
        var queues = target.Bindings.Where(b => target.Kind == ExchangeKind.Fanout || b.Key == routingKey).Select(b => b.Queue).Distinct().ToArray();
        foreach (var queue in queues)
            if (_queues.TryGetValue(queue, out var q))
                Enqueue(q, new Message(message.Body, routingKey) { DeathReason = message.DeathReason });
    }

    /// <summary>Appends a message; beyond max-length the oldest ready one is dropped (dead-lettered as "maxlen").</summary>
    private void Enqueue(Queue queue, Message message)
    {
        queue.Ready.AddLast(message);
        while (queue.Spec.MaxLength is { } max && queue.Ready.Count > max)
        {
            var dropped = queue.Ready.First!.Value;
            queue.Ready.RemoveFirst();
            DeadLetter(queue, dropped, "maxlen");
        }
    }

    private void DeadLetter(Queue queue, Message message, string reason)
    {
        if (queue.Spec.DeadLetterExchange is not { } exchange || !_exchanges.ContainsKey(exchange))
            return;
        Route(exchange, queue.Spec.DeadLetterRoutingKey ?? message.RoutingKey,
            new Message(message.Body, message.RoutingKey) { DeathReason = message.DeathReason ?? reason });
    }

    private string Consume(Channel channel, string queue, string tag, Func<BrokerDelivery, Task> handler)
    {
        var q = Existing(queue);
        if (q.Owner is { } owner && owner != channel.Connection)
            throw new BrokerException($"queue '{queue}' is exclusive to another connection (RESOURCE_LOCKED)");
        var consumer = new Consumer(tag, q, channel, handler);
        q.Consumers.Add(consumer);
        q.HadConsumers = true;
        q.LastUsed = Now;
        channel.Consumers.Add(consumer);
        return tag;
    }

    private void Cancel(Channel channel, string tag)
    {
        var consumer = channel.Consumers.FirstOrDefault(c => c.Tag == tag);
        if (consumer is null)
            return;
        channel.Consumers.Remove(consumer);
        consumer.Queue.Consumers.Remove(consumer);
        consumer.Queue.LastUsed = Now;
        if (consumer.Queue.Spec.AutoDelete && consumer.Queue.Consumers.Count == 0)
            DeleteQueue(consumer.Queue.Spec.Name);
    }

    private BrokerDelivery? Get(Channel channel, string queue)
    {
        var q = Existing(queue);
        q.LastUsed = Now;
        if (q.Ready.First is not { } first)
            return null;
        q.Ready.RemoveFirst();
        return Deliver(channel, q, first.Value);
    }

    private BrokerDelivery Deliver(Channel channel, Queue queue, Message message)
    {
        var tag = channel.NextTag();
        channel.Unacked[tag] = new Unacked(queue, message);
        var delivery = new BrokerDelivery(queue.Spec.Name, tag, message.Redelivered, message.Body.ToArray(), message.DeathReason);
        message.Redelivered = true;
        return delivery;
    }

    private void Reject(Channel channel, ulong tag, bool requeue)
    {
        if (!channel.Unacked.Remove(tag, out var unacked))
            return;
        if (requeue)
            Requeue(unacked);
        else
            DeadLetter(unacked.Queue, unacked.Message, "rejected");
    }

    /// <summary>Puts a delivery back at the head of its queue (if the queue still exists), to be delivered again as redelivered.</summary>
    private void Requeue(Unacked unacked)
    {
        if (_queues.TryGetValue(unacked.Queue.Spec.Name, out var queue) && queue == unacked.Queue)
            queue.Ready.AddFirst(unacked.Message);
    }

    private void CloseChannel(Channel channel)
    {
        if (channel.Closed)
            return;
        channel.Closed = true;
        foreach (var consumer in channel.Consumers.ToArray())
            Cancel(channel, consumer.Tag);
        foreach (var unacked in channel.Unacked.Values.Reverse())
            Requeue(unacked);
        channel.Unacked.Clear();
    }

    private void Close(Connection connection)
    {
        if (connection.Closed)
            return;
        connection.Closed = true;
        connection.IsOpen = false;
        foreach (var channel in connection.Channels)
            CloseChannel(channel);
        foreach (var queue in _queues.Values.Where(q => q.Owner == connection).ToArray())
            DeleteQueue(queue.Spec.Name);
        _connections.Remove(connection);
    }

    /// <summary>Deletes the queues with an expiry that nobody consumed or read for that long.</summary>
    private void Expire()
    {
        if (_clock is null)
            return;
        var now = Now;
        foreach (var queue in _queues.Values.Where(q => q.Spec.Expires is { } e && q.Consumers.Count == 0 && now - q.LastUsed >= e).ToArray())
            DeleteQueue(queue.Spec.Name);
    }

    /// <summary>
    /// Delivers every message that can go to a consumer now, handler by handler outside the lock. A call made while another
    /// is delivering (from a handler, or another thread) leaves the work to that one.
    /// </summary>
    private void Pump()
    {
        lock (_gate)
        {
            if (_pumping)
            {
                return;
            }
            _pumping = true;
        }
        try
        {
            while (true)
            {
                (Consumer Consumer, BrokerDelivery Delivery)? next;
                lock (_gate)
                {
                    next = NextDelivery();
                    if (next is null)
                    {
                        _pumping = false;
                        return;
                    }
                    next.Value.Consumer.Channel.InHandler = true;
                }
                try
                {
                    next.Value.Consumer.Handler(next.Value.Delivery).GetAwaiter().GetResult();
                }
                finally
                {
                    lock (_gate)
                        next.Value.Consumer.Channel.InHandler = false;
                }
            }
        }
        catch
        {
            lock (_gate)
                _pumping = false;
            throw;
        }
    }

    /// <summary>The next delivery: the first queue (by name) with a ready message and a consumer with room, round robin among its consumers.</summary>
    private (Consumer, BrokerDelivery)? NextDelivery()
    {
        if (!_running)
            return null;
        foreach (var queue in _queues.Values.OrderBy(q => q.Spec.Name, StringComparer.Ordinal))
        {
            if (queue.Ready.Count == 0 || queue.Consumers.Count == 0)
                continue;
            for (var k = 0; k < queue.Consumers.Count; k++)
            {
                var index = (queue.NextConsumer + k) % queue.Consumers.Count;
                var consumer = queue.Consumers[index];
                if (!consumer.Channel.HasCapacity || !consumer.Channel.Connection.IsOpen)
                    continue;
                queue.NextConsumer = (index + 1) % queue.Consumers.Count;
                var message = queue.Ready.First!.Value;
                queue.Ready.RemoveFirst();
                return (consumer, Deliver(consumer.Channel, queue, message));
            }
        }
        return null;
    }
}
