namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>A message as one queue of <see cref="InMemoryBroker"/> holds it.</summary>
internal sealed class MemoryMessage(byte[] body, string routingKey, long sequence, IReadOnlyList<(string Queue, string Reason)> deaths)
{
    /// <summary>The body, shared by the queues' copies and never handed out (deliveries get copies).</summary>
    public byte[] Body { get; } = body;

    public string RoutingKey { get; } = routingKey;

    /// <summary>The order of arrival: a requeued message goes back to its place, as RabbitMQ puts it back.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>Where and why it died so far, oldest first (RabbitMQ's <c>x-death</c>).</summary>
    public IReadOnlyList<(string Queue, string Reason)> Deaths { get; } = deaths;

    public bool Redelivered { get; set; }

    /// <summary><c>x-first-death-reason</c>.</summary>
    public string? DeathReason => Deaths.Count == 0 ? null : Deaths[0].Reason;
}

/// <summary>A queue of <see cref="InMemoryBroker"/>.</summary>
internal sealed class MemoryQueue(QueueSpec spec, InMemoryConnection? owner, TimeSpan now)
{
    public QueueSpec Spec { get; } = spec;

    public string Name => Spec.Name;

    /// <summary>The connection an exclusive queue belongs to.</summary>
    public InMemoryConnection? Owner { get; } = owner;

    /// <summary>Ready messages in order of <see cref="MemoryMessage.Sequence"/>.</summary>
    public LinkedList<MemoryMessage> Ready { get; } = new();

    /// <summary>Consumers in round-robin order: the next delivery goes to the first that has room, which then moves last.</summary>
    public List<MemoryConsumer> Consumers { get; } = [];

    public int Unacked { get; set; }

    public long Enqueued { get; set; }

    /// <summary>When it was last declared, consumed from or read: <c>x-expires</c> counts from here while it has no consumer.</summary>
    public TimeSpan LastUsed { get; set; } = now;

    public bool Deleted { get; set; }

    /// <summary>Puts <paramref name="message"/> in its place by arrival order.</summary>
    public void Insert(MemoryMessage message)
    {
        var node = Ready.Last;
        while (node is not null && node.Value.Sequence > message.Sequence)
            node = node.Previous;
        if (node is null)
            Ready.AddFirst(message);
        else
            Ready.AddAfter(node, message);
    }
}

/// <summary>A consumer: a queue, the channel it delivers through and the owner's handler.</summary>
internal sealed class MemoryConsumer(string tag, MemoryQueue queue, InMemoryChannel channel, Func<BrokerDelivery, Task> handler)
{
    public string Tag { get; } = tag;

    public MemoryQueue Queue { get; } = queue;

    public InMemoryChannel Channel { get; } = channel;

    public Func<BrokerDelivery, Task> Handler { get; } = handler;
}

/// <summary>An exchange and its bindings.</summary>
internal sealed class MemoryExchange(string name, ExchangeKind kind)
{
    public string Name { get; } = name;

    public ExchangeKind Kind { get; } = kind;

    public List<(MemoryQueue Queue, string RoutingKey)> Bindings { get; } = [];
}

/// <summary>A delivery the broker has sent to a channel and the channel has not yet handed to its consumer.</summary>
internal sealed record MemoryDispatch(MemoryConsumer Consumer, BrokerDelivery Delivery);

/// <summary>An unacknowledged delivery of a channel.</summary>
internal sealed record MemoryPending(MemoryQueue Queue, MemoryMessage Message, bool ToConsumer);
