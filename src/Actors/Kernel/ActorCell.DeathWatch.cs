namespace ShampooActors.Actors.Kernel;

/// <summary>
/// Death watch: a watcher gets exactly one <see cref="Terminated"/> (or its WatchWith message) per watch, also when the
/// watched actor was already dead, and none after Unwatch. The notice is self-told, so it queues behind mail the watcher
/// already holds.
/// </summary>
internal sealed partial class ActorCell
{
    private Dictionary<IActorRef, object?>? _watching; // watched actor → its WatchWith message (null: Terminated)
    private HashSet<IInternalActorRef>? _watchedBy;
    private HashSet<IActorRef>? _terminationQueued; // notices in the mailbox not yet delivered

    /// <summary>The mailbox form of a death-watch notice; dropped if the watcher unwatched before it was processed.</summary>
    internal sealed record WatchedTermination(IActorRef Actor, object Notice);

    public IActorRef Watch(IActorRef subject) => WatchCore(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchCore(subject, message);
    }

    private IActorRef WatchCore(IActorRef subject, object? message)
    {
        if (subject is not IInternalActorRef target || ReferenceEquals(subject, Self))
            return subject;
        _watching ??= new Dictionary<IActorRef, object?>(ReferenceEqualityComparer.Instance);
        if (_watching.TryGetValue(subject, out var existing))
        {
            if (!Equals(existing, message))
                throw new InvalidOperationException(
                    $"{Self.Path} already watches {subject.Path} with another message; Unwatch it first");
            return subject;
        }
        _watching.Add(subject, message);
        target.SendSystemMessage(new Watch(target, Self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (_watching is not null && _watching.Remove(subject) && subject is IInternalActorRef target)
            target.SendSystemMessage(new Unwatch(target, Self));
        _terminationQueued?.Remove(subject);
        return subject;
    }

    private void HandleWatch(Watch watch)
    {
        if (!ReferenceEquals(watch.Watchee, Self) || ReferenceEquals(watch.Watcher, Self))
            return;
        if (_terminated)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self, ExistenceConfirmed: false));
        else
            (_watchedBy ??= new HashSet<IInternalActorRef>(ReferenceEqualityComparer.Instance)).Add(watch.Watcher);
    }

    private void HandleUnwatch(Unwatch unwatch) => _watchedBy?.Remove(unwatch.Watcher);

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        if (_watching is not null && _watching.Remove(actor, out var custom) && !_terminating)
        {
            (_terminationQueued ??= new HashSet<IActorRef>(ReferenceEqualityComparer.Instance)).Add(actor);
            var notice = custom ?? new Terminated(actor, notification.ExistenceConfirmed);
            Mailbox.Post(new Envelope(new WatchedTermination(actor, notice), actor));
        }
        if (IsChild(actor))
            HandleChildTerminated(actor);
    }

    private object? AcceptTermination(WatchedTermination termination) =>
        _terminationQueued?.Remove(termination.Actor) == true ? termination.Notice : null;

    private void UnwatchWatchedActors()
    {
        if (_watching is null)
            return;
        foreach (var subject in _watching.Keys)
            if (subject is IInternalActorRef target)
                target.SendSystemMessage(new Unwatch(target, Self));
        _watching = null;
        _terminationQueued = null;
    }

    private void TellWatchersWeDied()
    {
        var parentNotified = false;
        if (_watchedBy is not null)
        {
            foreach (var watcher in _watchedBy)
            {
                watcher.SendSystemMessage(new DeathWatchNotification(Self, ExistenceConfirmed: true));
                parentNotified |= ReferenceEquals(watcher, Parent);
            }
            _watchedBy = null;
        }
        if (!parentNotified)
            Parent.SendSystemMessage(new DeathWatchNotification(Self, ExistenceConfirmed: true));
    }
}
