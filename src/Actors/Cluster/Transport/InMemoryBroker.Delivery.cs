namespace ShampooActors.Actors.Cluster.Transport;

// Deliveries: assigned to consumers under the lock (that is when they become unacknowledged), then handed to the
// handlers by the pump outside it, in the order they were assigned, one handler at a time.
public sealed partial class InMemoryBroker
{
    private readonly LinkedList<MemoryDispatch> _outbox = new();
    private readonly List<Exception> _handlerFailures = [];
    private int _deliveryCursor;
    private bool _pumping;

    /// <summary>Delivers every message a consumer has room for, taking the queues in turn (one message each per round).</summary>
    private void DeliverAll()
    {
        var delivered = true;
        while (delivered)
        {
            delivered = false;
            var count = _queueOrder.Count;
            for (var i = 0; i < count; i++)
                delivered |= TryDeliver(_queueOrder[(_deliveryCursor + i) % count]);
            _deliveryCursor = count == 0 ? 0 : (_deliveryCursor + 1) % count;
        }
    }

    /// <summary>Delivers the head of <paramref name="queue"/> to its first consumer with room, which then moves last (round-robin).</summary>
    private bool TryDeliver(MemoryQueue queue)
    {
        if (queue.Ready.First is not { } head)
            return false;
        var index = queue.Consumers.FindIndex(c => c.Channel.HasRoom);
        if (index < 0)
            return false;
        var consumer = queue.Consumers[index];
        queue.Consumers.RemoveAt(index);
        queue.Consumers.Add(consumer);
        queue.Ready.RemoveFirst();
        _outbox.AddLast(new MemoryDispatch(consumer, Hand(consumer.Channel, queue, head.Value, toConsumer: true)));
        return true;
    }

    /// <summary>Makes <paramref name="message"/> an unacknowledged delivery of <paramref name="channel"/>.</summary>
    private static BrokerDelivery Hand(InMemoryChannel channel, MemoryQueue queue, MemoryMessage message, bool toConsumer)
    {
        var tag = channel.NextTag++;
        channel.Unacked.Add(tag, new MemoryPending(queue, message, toConsumer));
        queue.Unacked++;
        if (toConsumer)
            channel.ConsumerUnacked++;
        return new BrokerDelivery(queue.Name, tag, message.Redelivered, message.Body.ToArray(), message.DeathReason);
    }

    /// <summary>
    /// Runs the handlers of the deliveries waiting in the outbox. Only one thread pumps at a time; a call made while a
    /// handler runs (an ack from inside it, say) returns at once and the running pump takes the work it added. A handler
    /// whose task is not complete holds back its channel's next delivery, not the others; its completion pumps again.
    /// </summary>
    private void Pump()
    {
        lock (_gate)
        {
            if (_pumping)
                return;
            _pumping = true;
        }
        while (true)
        {
            MemoryDispatch? next;
            lock (_gate)
            {
                next = TakeNext();
                if (next is null)
                {
                    _pumping = false;
                    return;
                }
                next.Consumer.Channel.Dispatching = true;
            }
            Task handled;
            try
            {
                handled = next.Consumer.Handler(next.Delivery);
            }
            catch (Exception e)
            {
                handled = Task.FromException(e);
            }
            if (handled.IsCompleted)
            {
                lock (_gate)
                    Finish(next, handled);
            }
            else
            {
                handled.ContinueWith(t =>
                {
                    lock (_gate)
                        Finish(next, t);
                    Pump();
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private MemoryDispatch? TakeNext()
    {
        for (var node = _outbox.First; node is not null; node = node.Next)
        {
            if (!node.Value.Consumer.Channel.Dispatching)
            {
                _outbox.Remove(node);
                return node.Value;
            }
        }
        return null;
    }

    // A failed handler leaves its delivery unacknowledged, as RabbitMQ.Client does; the failure is kept for the test.
    private void Finish(MemoryDispatch dispatch, Task handled)
    {
        dispatch.Consumer.Channel.Dispatching = false;
        if (handled.Exception is { } failure)
            _handlerFailures.Add(failure.InnerExceptions.Count == 1 ? failure.InnerExceptions[0] : failure);
    }
}
