namespace ShampooActors.Actors.Kernel;

/// <summary>An actor with one handler for every message; it calls <see cref="ActorBase.Unhandled"/> itself for what it does not handle.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles one message.</summary>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
