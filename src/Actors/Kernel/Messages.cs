namespace ShampooActors.Actors.Kernel;

/// <summary>Stops the actor when it is processed: messages queued before it are handled first, later ones go to dead letters.</summary>
public sealed class PoisonPill
{
    /// <summary>The one instance.</summary>
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/> when processed (the default decider then stops it).</summary>
public sealed class Kill
{
    /// <summary>The one instance.</summary>
    public static readonly Kill Instance = new();

    private Kill()
    {
    }
}

/// <summary>Sent once to a watcher when a watched actor has stopped.</summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone (or never existed) as the watch arrived.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed);

/// <summary>Reply conventions for <c>Ask</c> and <c>PipeTo</c>.</summary>
public static class Status
{
    /// <summary>A successful outcome carrying <paramref name="Status"/>.</summary>
    public sealed record Success(object? Status);

    /// <summary>A failed outcome: an <c>Ask</c> that receives it faults with <paramref name="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}

/// <summary>A message that could not be delivered, published on the event stream.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>A message no handler of the receiving actor accepted, published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
