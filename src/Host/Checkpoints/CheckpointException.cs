namespace ShampooActors.Host.Checkpoints;

/// <summary>A checkpoint file that cannot be used: unreadable, truncated, of another format, or failing its checksum.</summary>
internal sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
