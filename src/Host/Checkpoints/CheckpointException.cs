namespace ShampooActors.Host.Checkpoints;

/// <summary>
/// A checkpoint file that cannot be used: unreadable, truncated, of another format, or failing its checksum. The message is
/// "<c>file is reason</c>"; <see cref="Reason"/> alone reads as a refusal ("corrupt: its checksum does not match").
/// </summary>
internal sealed class CheckpointException(string file, string reason, Exception? inner = null) : Exception($"{file} is {reason}", inner)
{
    /// <summary>The file as it was named when read.</summary>
    public string File => file;

    /// <summary>Why the file cannot be used, without its name.</summary>
    public string Reason => reason;
}
