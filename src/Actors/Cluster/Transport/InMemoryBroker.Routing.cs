namespace ShampooActors.Actors.Cluster.Transport;

// Routing, max-length and dead-lettering.
public sealed partial class InMemoryBroker
{
    private readonly Dictionary<string, MemoryExchange> _exchanges = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>The queues a message published to <paramref name="exchange"/> with <paramref name="routingKey"/> goes to.</summary>
    private IEnumerable<MemoryQueue> Route(string exchange, string routingKey)
    {
        if (exchange.Length == 0)
            return _queues.TryGetValue(routingKey, out var named) ? [named] : [];
        if (!_exchanges.TryGetValue(exchange, out var found))
            return [];
        return found.Bindings
            .Where(b => found.Kind == ExchangeKind.Fanout || b.RoutingKey == routingKey)
            .Select(b => b.Queue)
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// A new message arrives: like RabbitMQ it goes straight to a consumer with room if there is one, else it joins the
    /// queue, and a queue over its max-length drops from the head.
    /// </summary>
    private void Enqueue(MemoryQueue queue, MemoryMessage message)
    {
        queue.Enqueued++;
        queue.Insert(message);
        while (TryDeliver(queue))
        {
        }
        DropOverflow(queue);
    }

    /// <summary>
    /// Unacknowledged messages go back to their places, marked redelivered. A queue that is then over its max-length
    /// drops from the head before it delivers again, so a requeued message older than the ready ones is the one dropped.
    /// </summary>
    private void Requeue(MemoryQueue queue, IEnumerable<MemoryMessage> messages)
    {
        if (queue.Deleted)
            return;
        foreach (var message in messages)
        {
            message.Redelivered = true;
            queue.Insert(message);
        }
        DropOverflow(queue);
    }

    private void DropOverflow(MemoryQueue queue)
    {
        while (queue.Spec.MaxLength is { } max && queue.Ready.Count > max)
        {
            var head = queue.Ready.First!.Value;
            queue.Ready.RemoveFirst();
            DeadLetter(queue, head, "maxlen");
        }
    }

    /// <summary>A message dies in <paramref name="queue"/>: it goes to the queue's dead-letter exchange, if that exists, else nowhere.</summary>
    private void DeadLetter(MemoryQueue queue, MemoryMessage message, string reason)
    {
        _deaths[(queue.Name, reason)] = _deaths.GetValueOrDefault((queue.Name, reason)) + 1;
        if (queue.Spec.DeadLetterExchange is not { } exchange || (exchange.Length > 0 && !_exchanges.ContainsKey(exchange)))
            return;
        var routingKey = queue.Spec.DeadLetterRoutingKey ?? message.RoutingKey;
        List<(string Queue, string Reason)> deaths = [.. message.Deaths, (queue.Name, reason)];
        foreach (var target in Route(exchange, routingKey))
        {
            if (!IsCycle(target.Name, deaths))
                Enqueue(target, new MemoryMessage(message.Body, routingKey, _sequence++, deaths));
        }
    }

    // RabbitMQ drops a dead letter that would return to a queue it already died in, unless a rejection (a client's
    // decision, not an automatic one) happened since.
    private static bool IsCycle(string target, List<(string Queue, string Reason)> deaths)
    {
        for (var i = deaths.Count - 1; i >= 0; i--)
        {
            if (deaths[i].Reason == "rejected")
                return false;
            if (deaths[i].Queue == target)
                return true;
        }
        return false;
    }
}
