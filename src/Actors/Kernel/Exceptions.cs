namespace ShampooActors.Actors.Kernel;

/// <summary>An actor's constructor or <c>PreStart</c> failed; the default decider stops such an actor.</summary>
public sealed class ActorInitializationException(IActorRef actor, string message, Exception? cause)
    : Exception(message, cause)
{
    /// <summary>The actor that could not start.</summary>
    public IActorRef Actor { get; } = actor;
}

/// <summary>Thrown by an actor processing <see cref="Kill"/>.</summary>
public sealed class ActorKilledException(string message) : Exception(message);

/// <summary>Thrown by an actor that receives a <see cref="Terminated"/> it does not handle.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"the watched actor {deadActor.Path} terminated and its Terminated message was not handled")
{
    /// <summary>The watched actor that stopped.</summary>
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>An <c>Ask</c> received no reply within its timeout.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);

/// <summary>An actor name that is empty, taken, reserved or malformed.</summary>
public sealed class InvalidActorNameException(string message) : ArgumentException(message);

/// <summary>An actor's settings (from the <c>actors</c> config section or a setup) that cannot be used.</summary>
public sealed class ActorSettingsException(string message) : Exception(message);
