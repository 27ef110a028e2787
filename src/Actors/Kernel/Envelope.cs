namespace ShampooActors.Actors.Kernel;

/// <summary>A user message with its sender, as it waits in a mailbox.</summary>
public readonly record struct Envelope(object Message, IActorRef? Sender);
