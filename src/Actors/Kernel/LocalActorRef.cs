namespace ShampooActors.Actors.Kernel;

/// <summary>The ref of an actor in this process: a thin handle on its cell.</summary>
internal sealed class LocalActorRef(ActorCell cell, ActorPath path) : IInternalActorRef
{
    public ActorCell Cell { get; } = cell;

    public ActorPath Path { get; } = path;

    public ActorSystem System => Cell.System;

    public bool IsTerminated => Cell.IsTerminated;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.Post(new Envelope(message, sender));
    }

    public void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    public override string ToString() => $"[{Path}]";
}
