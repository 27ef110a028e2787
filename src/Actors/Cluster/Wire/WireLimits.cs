namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>
/// The largest messages a receiver accepts: <see cref="WireFormat.TryDecode"/> rejects anything beyond them before it
/// allocates for it, so a corrupt or hostile message cannot exhaust memory.
/// </summary>
public sealed record WireLimits
{
    /// <summary>The defaults below.</summary>
    public static WireLimits Default { get; } = new();

    /// <summary>
    /// The largest envelope decoded, in bytes (256 MiB), reassembled ones included: above RabbitMQ's 128 MiB
    /// <c>max_message_size</c> because a chunked snapshot is reassembled before it is decoded.
    /// </summary>
    public long MaxMessageBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The largest factor n accepted (8192): a factor or root is an n×n float64 matrix, 512 MiB at this n, so <see cref="MaxMessageBytes"/> binds first.</summary>
    public int MaxFactorSize { get; init; } = 8192;

    /// <summary>The most factors one block may have (8): a block has one factor per tensor dimension.</summary>
    public int MaxFactors { get; init; } = 8;

    /// <summary>The most chunks one message may be split into (4096): 256 MiB in chunks of 64 KiB.</summary>
    public int MaxChunks { get; init; } = 4096;

    /// <summary>The most blocks a job announcement may list (65536).</summary>
    public int MaxBlocks { get; init; } = 65536;

    /// <summary>The longest job, node, host, queue or message id accepted, in UTF-16 characters (255, RabbitMQ's limit for a queue name).</summary>
    public int MaxNameLength { get; init; } = 255;
}
