namespace ShampooActors.Actors.Kernel;

/// <summary>
/// The system's publish–subscribe bus: an event goes to every subscriber whose channel type it is an instance of
/// (dead letters, unhandled messages, log events, or anything users publish). Terminated subscribers are dropped.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private (Type Channel, IActorRef Subscriber)[] _subscriptions = [];

    /// <summary>Subscribes to events assignable to <paramref name="channel"/>; false if already subscribed to it.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (Array.Exists(_subscriptions, s => s.Channel == channel && Equals(s.Subscriber, subscriber)))
                return false;
            _subscriptions = [.. _subscriptions, (channel, subscriber)];
            return true;
        }
    }

    /// <summary>Ends one subscription; false if there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel) =>
        Remove(s => s.Channel == channel && Equals(s.Subscriber, subscriber));

    /// <summary>Ends every subscription of <paramref name="subscriber"/>; false if there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber) => Remove(s => Equals(s.Subscriber, subscriber));

    /// <summary>Drops the subscriptions of an actor that has terminated (called by the kernel; cheap when there are none).</summary>
    internal void SubscriberTerminated(IActorRef subscriber)
    {
        if (Array.Exists(Volatile.Read(ref _subscriptions), s => ReferenceEquals(s.Subscriber, subscriber)))
            Unsubscribe(subscriber);
    }

    /// <summary>Tells <paramref name="event"/> to its subscribers, with no sender.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var dead = false;
        foreach (var (channel, subscriber) in Volatile.Read(ref _subscriptions))
        {
            if (!channel.IsInstanceOfType(@event))
                continue;
            if (subscriber is IInternalActorRef { IsTerminated: true })
                dead = true;
            else
                subscriber.Tell(@event, ActorRefs.NoSender);
        }
        if (dead)
            Remove(s => s.Subscriber is IInternalActorRef { IsTerminated: true });
    }

    private bool Remove(Predicate<(Type Channel, IActorRef Subscriber)> match)
    {
        lock (_gate)
        {
            var kept = Array.FindAll(_subscriptions, s => !match(s));
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }
}
