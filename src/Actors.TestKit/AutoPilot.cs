using ShampooActors.Actors.Kernel;

namespace ShampooActors.Testing;

/// <summary>Lets a test actor answer by itself: run on each message it receives (which is still queued for expectations).</summary>
public abstract class AutoPilot
{
    /// <summary>Keep the current pilot for the next message.</summary>
    public static AutoPilot KeepRunning { get; } = new Keep();

    /// <summary>Switch the pilot off.</summary>
    public static AutoPilot NoAutoPilot { get; } = new Off();

    /// <summary>Handles one message on the test actor's turn (its Tell sends as the test actor); returns the pilot for the next.</summary>
    public abstract AutoPilot Run(IActorRef sender, object message);

    private sealed class Keep : AutoPilot
    {
        public override AutoPilot Run(IActorRef sender, object message) => this;
    }

    private sealed class Off : AutoPilot
    {
        public override AutoPilot Run(IActorRef sender, object message) => this;
    }
}

/// <summary>An auto-pilot made of a function.</summary>
public sealed class DelegateAutoPilot(Func<IActorRef, object, AutoPilot> pilot) : AutoPilot
{
    /// <inheritdoc />
    public override AutoPilot Run(IActorRef sender, object message) => pilot(sender, message);
}
