namespace ShampooActors.Actors.Kernel;

/// <summary>The handle to an actor: the only way to reach it. Two refs are equal when they name the same incarnation.</summary>
public interface IActorRef
{
    /// <summary>Where the actor sits.</summary>
    ActorPath Path { get; }

    /// <summary>Queues <paramref name="message"/> for the actor; <paramref name="sender"/> is what it sees as <c>Sender</c>.</summary>
    void Tell(object message, IActorRef? sender);
}

/// <summary>Refs with a special meaning.</summary>
public static class ActorRefs
{
    /// <summary>"No sender": a reply to it goes to dead letters.</summary>
    public static readonly IActorRef? NoSender = null;

    /// <summary>A ref that points nowhere; messages told to it are dropped.</summary>
    public static readonly IActorRef Nobody = new NobodyRef();

    private sealed class NobodyRef : IActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root("nobody");

        public void Tell(object message, IActorRef? sender)
        {
        }

        public override string ToString() => "Nobody";
    }
}

/// <summary>A ref the kernel can also send system messages to and ask whether its actor has terminated.</summary>
internal interface IInternalActorRef : IActorRef
{
    ActorSystem System { get; }

    void SendSystemMessage(SystemMessage message);

    bool IsTerminated { get; }
}

/// <summary><c>Tell</c> without a sender, and <c>Forward</c>.</summary>
public static class ActorRefExtensions
{
    /// <summary>Tells with the current actor as sender when called inside an actor, else with no sender.</summary>
    public static void Tell(this IActorRef receiver, object message) =>
        receiver.Tell(message, ActorCell.Current?.Self ?? ActorRefs.NoSender);

    /// <summary>Tells with the current message's sender as sender, so the receiver replies to the original asker.</summary>
    public static void Forward(this IActorRef receiver, object message) =>
        receiver.Tell(message, ActorCell.Current?.Sender ?? ActorRefs.NoSender);
}
