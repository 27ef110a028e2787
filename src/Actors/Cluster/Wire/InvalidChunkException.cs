namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>A chunk contradicts itself or the chunks of its message seen before (count, size, job, index, content); the message is one line.</summary>
public sealed class InvalidChunkException(string message) : Exception(message);
