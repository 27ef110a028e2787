namespace ShampooActors.Actors.Kernel;

/// <summary>A unit of work a dispatcher runs: a mailbox's turn.</summary>
public interface IRunnable
{
    /// <summary>Does the work on the calling thread.</summary>
    void Run();
}

/// <summary>Runs mailboxes: each turn processes system messages first, then up to <see cref="Throughput"/> user messages.</summary>
public abstract class MessageDispatcher
{
    /// <summary>A dispatcher with this id and turn length.</summary>
    protected MessageDispatcher(string id, int throughput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        Id = id;
        Throughput = throughput;
    }

    /// <summary>The name actors select it by (<see cref="Props.WithDispatcher"/>).</summary>
    public string Id { get; }

    /// <summary>The most user messages a mailbox processes in one turn before it yields its thread.</summary>
    public int Throughput { get; }

    /// <summary>Queues a mailbox's turn to run on one of this dispatcher's threads.</summary>
    public abstract void Execute(IRunnable work);

    /// <summary>Releases threads the dispatcher owns; called once when the actor system has terminated.</summary>
    public virtual void Shutdown()
    {
    }
}
