namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>A received message failed a check of <see cref="WireFormat"/>; the message is one line naming what was wrong.</summary>
internal sealed class InvalidWireMessageException(string message) : Exception(message);
