namespace ShampooActors.Host;

/// <summary>A mistake in how the program was called; the CLI prints its message as one line and exits with code 2.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
