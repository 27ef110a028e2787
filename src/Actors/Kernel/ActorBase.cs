namespace ShampooActors.Actors.Kernel;

/// <summary>
/// The base of every actor. Instances are made by the kernel from <see cref="Props"/>, never with <c>new</c> by user
/// code; every member runs on the actor's own turn.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the instance to the cell that is creating it.</summary>
    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new InvalidOperationException($"{GetType().Name} must be created by ActorOf with Props, not with new");
    }

    /// <summary>The actor's context; only valid on its own turn (capture Self or Sender in a local before leaving it).</summary>
    protected IActorContext Context =>
        ReferenceEquals(ActorCell.Current, _cell) || ReferenceEquals(ActorCell.Constructing, _cell)
            ? _cell
            : throw new InvalidOperationException(
                $"the context of {_cell.Self.Path} was used outside its turn; capture Self or Sender in a local first");

    /// <summary>This actor's ref; valid anywhere.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being processed.</summary>
    protected IActorRef Sender => Context.Sender;

    /// <summary>Handles one message; false when it was not handled.</summary>
    protected internal abstract bool Receive(object message);

    /// <summary>Called on the actor's turn before its first message.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Called once after the actor has stopped and its children have terminated.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance before a restart; by default stops (and unwatches) every child, stopping ones included, then calls <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Cell.AllChildren()) // stopping ones too, so none of them is still watched by the new instance
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart; by default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; by default <see cref="Kernel.SupervisorStrategy.DefaultStrategy"/>.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// A message no handler accepted: an unhandled <see cref="Terminated"/> fails the actor with
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
            throw new DeathPactException(terminated.ActorRef);
        _cell.System.EventStream.Publish(new UnhandledMessage(message, Sender, Self));
    }

    internal void AroundReceive(object message)
    {
        if (!Receive(message))
            Unhandled(message);
    }

    internal void AroundPreStart() => PreStart();

    internal void AroundPostStop() => PostStop();

    internal void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void AroundPostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy SupervisorStrategyInternal() => SupervisorStrategy();

    private protected ActorCell Cell => _cell;
}
