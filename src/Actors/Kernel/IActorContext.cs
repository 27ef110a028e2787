namespace ShampooActors.Actors.Kernel;

/// <summary>What an actor can see and do on its own turn: itself, the current sender, its family, death watch.</summary>
public interface IActorContext
{
    /// <summary>This actor's ref.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; dead letters when it had none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor.</summary>
    IActorRef Parent { get; }

    /// <summary>The system the actor lives in.</summary>
    ActorSystem System { get; }

    /// <summary>How this actor was created (a restart uses it again).</summary>
    Props Props { get; }

    /// <summary>Creates a child; a null name generates one ("$a", "$b", …). Names stay taken until the child has terminated.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The live child of that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>The live children.</summary>
    IEnumerable<IActorRef> GetChildren();

    /// <summary>Asks for one <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/>, delivering <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Cancels a watch; a notice not yet processed is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Stops an actor (a child, this actor, or another) after the message it is processing.</summary>
    void Stop(IActorRef actor);
}
