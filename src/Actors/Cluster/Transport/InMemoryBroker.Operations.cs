namespace ShampooActors.Actors.Cluster.Transport;

// How every channel operation runs: under the lock, then the handlers it made deliverable; refusals close the channel.
public sealed partial class InMemoryBroker
{
    /// <summary>The queue <paramref name="name"/>, which must exist and, if exclusive, belong to the channel's connection.</summary>
    private MemoryQueue Usable(InMemoryChannel channel, string what, string name)
    {
        if (!_queues.TryGetValue(name, out var queue))
            throw Refuse(channel, what, $"NOT_FOUND - no queue '{name}' in vhost '/'");
        if (queue.Owner is not null && queue.Owner != channel.Connection)
            throw Refuse(channel, what, Locked(name));
        return queue;
    }

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
