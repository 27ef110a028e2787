namespace ShampooActors.Actors.Cluster.Transport;

// What tests can ask the broker. Counters are history: they survive queue deletion and Stop.
public sealed partial class InMemoryBroker
{
    private readonly Dictionary<string, long> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _acked = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Queue, string Reason), long> _deaths = [];

    /// <summary>The names of the queues that exist now, in order of declaration.</summary>
    public IReadOnlyList<string> QueueNames
    {
        get
        {
            lock (_gate)
            {
                Expire();
                return _queueOrder.Select(q => q.Name).ToList();
            }
        }
    }

    /// <summary>The connections open or lost now (not those closed or disconnected).</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
                return _connections.Count;
        }
    }

    /// <summary>Exceptions consumer handlers threw (their deliveries stayed unacknowledged), in order.</summary>
    public IReadOnlyList<Exception> HandlerFailures
    {
        get
        {
            lock (_gate)
                return _handlerFailures.ToList();
        }
    }

    /// <summary>What queue <paramref name="name"/> holds now, or null when it does not exist.</summary>
    public InMemoryQueueState? QueueState(string name)
    {
        lock (_gate)
        {
            Expire();
            return _queues.TryGetValue(name, out var queue)
                ? new InMemoryQueueState(name, queue.Ready.Count, queue.Unacked, queue.Consumers.Count, queue.Enqueued)
                : null;
        }
    }

    /// <summary>How many messages were published to <paramref name="exchange"/> ("" is the default exchange), routed or not.</summary>
    public long PublishedCount(string exchange)
    {
        lock (_gate)
            return _published.GetValueOrDefault(exchange);
    }

    /// <summary>How many deliveries from <paramref name="queue"/> were acknowledged.</summary>
    public long AckedCount(string queue)
    {
        lock (_gate)
            return _acked.GetValueOrDefault(queue);
    }

    /// <summary>
    /// How many messages died in <paramref name="queue"/> ("maxlen", "rejected"; null: any reason), whether or not a
    /// dead-letter exchange took them.
    /// </summary>
    public long DeadLetteredCount(string queue, string? reason = null)
    {
        lock (_gate)
            return _deaths.Where(d => d.Key.Queue == queue && (reason is null || d.Key.Reason == reason)).Sum(d => d.Value);
    }
}
