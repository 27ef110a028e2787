namespace ShampooActors.Actors.Cluster.Transport;

// Closing channels and connections, cancelling consumers, deleting and expiring queues.
public sealed partial class InMemoryBroker
{
    private readonly Dictionary<string, MemoryQueue> _queues = new(StringComparer.Ordinal);
    private readonly List<MemoryQueue> _queueOrder = [];

    /// <summary>The owner closes the channel: its unacknowledged deliveries return to their queues.</summary>
    internal void Close(InMemoryChannel channel)
    {
        lock (_gate)
        {
            if (channel.ClosedBecause is null)
            {
                if (channel.Connection.State == InMemoryConnection.Status.Open)
                    CloseChannel(channel, "closed by its owner");
                else
                    channel.ClosedBecause = "closed by its owner";
            }
            DeliverAll();
        }
        Pump();
    }

    /// <summary>The connection closes for good: its channels close and its exclusive queues are deleted.</summary>
    internal void Close(InMemoryConnection connection)
    {
        lock (_gate)
        {
            if (connection.State == InMemoryConnection.Status.Closed)
                return;
            var wasOpen = connection.State == InMemoryConnection.Status.Open;
            foreach (var channel in connection.Channels.ToList())
            {
                if (wasOpen)
                    CloseChannel(channel, $"the connection '{connection.ClientName}' is closed");
                else
                    channel.ClosedBecause ??= $"the connection '{connection.ClientName}' is closed";
            }
            connection.State = InMemoryConnection.Status.Closed;
            _connections.Remove(connection);
            foreach (var queue in _queueOrder.Where(q => q.Owner == connection).ToList())
                Delete(queue);
            DeliverAll();
        }
        Pump();
    }

    /// <summary>Closes <paramref name="channel"/>: its consumers stop and its unacknowledged deliveries are requeued as redelivered.</summary>
    private void CloseChannel(InMemoryChannel channel, string reason)
    {
        if (channel.ClosedBecause is not null)
            return;
        channel.ClosedBecause = reason;
        channel.Connection.Channels.Remove(channel);
        foreach (var consumer in channel.Consumers.ToList())
            Cancel(consumer);
        var unacked = channel.Unacked.Values.ToList();
        channel.Unacked.Clear();
        channel.ConsumerUnacked = 0;
        foreach (var group in unacked.GroupBy(p => p.Queue))
        {
            group.Key.Unacked -= group.Count();
            Requeue(group.Key, group.Select(p => p.Message));
        }
        RemoveDispatches(d => d.Consumer.Channel == channel);
    }

    /// <summary>The broker went down under the channel: everything it held is gone, and tags issued so far are void.</summary>
    private static void Forget(InMemoryChannel channel)
    {
        channel.Consumers.Clear();
        channel.Unacked.Clear();
        channel.ConsumerUnacked = 0;
        channel.TagFloor = channel.NextTag;
    }

    /// <summary>Stops a consumer; deliveries it has not handled yet stay unacknowledged. An auto-delete queue goes with its last consumer.</summary>
    private void Cancel(MemoryConsumer consumer)
    {
        consumer.Channel.Consumers.Remove(consumer);
        var queue = consumer.Queue;
        queue.Consumers.Remove(consumer);
        RemoveDispatches(d => d.Consumer == consumer);
        if (queue.Consumers.Count > 0 || queue.Deleted)
            return;
        queue.LastUsed = Now;
        if (queue.Spec.AutoDelete)
            Delete(queue);
    }

    /// <summary>Deletes a queue with its messages and bindings; its consumers stop.</summary>
    private void Delete(MemoryQueue queue)
    {
        if (queue.Deleted)
            return;
        queue.Deleted = true;
        _queues.Remove(queue.Name);
        _queueOrder.Remove(queue);
        queue.Ready.Clear();
        foreach (var exchange in _exchanges.Values)
            exchange.Bindings.RemoveAll(b => b.Queue == queue);
        foreach (var consumer in queue.Consumers.ToList())
        {
            consumer.Channel.Consumers.Remove(consumer);
            RemoveDispatches(d => d.Consumer == consumer);
        }
        queue.Consumers.Clear();
    }

    /// <summary>Deletes the queues whose <c>x-expires</c> lease ran out by the clock's now (checked at every operation).</summary>
    private void Expire()
    {
        if (_clock is null)
            return;
        var now = _clock();
        foreach (var queue in _queueOrder.Where(q => q.Spec.Expires is { } expires && q.Consumers.Count == 0 && now - q.LastUsed >= expires).ToList())
            Delete(queue);
    }

    private void RemoveDispatches(Func<MemoryDispatch, bool> match)
    {
        for (var node = _outbox.First; node is not null;)
        {
            var next = node.Next;
            if (match(node.Value))
                _outbox.Remove(node);
            node = next;
        }
    }
}
