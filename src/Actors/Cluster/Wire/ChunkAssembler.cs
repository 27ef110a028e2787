namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>
/// Reassembles chunked envelopes (<see cref="WireChunks.Split"/>) from their <see cref="ChunkMessage"/>s, in any order,
/// ignoring duplicates. Memory is bounded: at most <c>maxIncompleteMessages</c> messages wait for chunks (a new one drops the
/// one that started waiting first) and each is within the limits' <see cref="WireLimits.MaxChunks"/> and
/// <see cref="WireLimits.MaxMessageBytes"/>. Not thread-safe: one actor owns it.
/// </summary>
public sealed class ChunkAssembler
{
    /// <summary>How many completed message ids are remembered, so that late duplicates of their chunks are ignored.</summary>
    private const int RememberedCompletions = 256;

    private readonly WireLimits _limits;
    private readonly int _maxIncomplete;
    private readonly Dictionary<string, PartialMessage> _incomplete = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _arrival = new();
    private readonly HashSet<string> _completed = new(StringComparer.Ordinal);
    private readonly Queue<string> _completedOrder = new();

    /// <summary>An assembler keeping at most <paramref name="maxIncompleteMessages"/> unfinished messages within <paramref name="limits"/>.</summary>
    public ChunkAssembler(WireLimits limits, int maxIncompleteMessages = 4)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIncompleteMessages, 1);
        (_limits, _maxIncomplete) = (limits, maxIncompleteMessages);
    }

    /// <summary>How many messages wait for chunks now.</summary>
    public int IncompleteCount => _incomplete.Count;

    /// <summary>
    /// Adds <paramref name="chunk"/>: returns the whole envelope when it was the last one missing, else null (also for a
    /// duplicate, and for a chunk of a message completed recently). Throws <see cref="InvalidChunkException"/> for a chunk
    /// out of range or inconsistent with its message's earlier chunks, and then forgets that message.
    /// </summary>
    public byte[]? Add(ChunkMessage chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        Check(chunk);
        if (_completed.Contains(chunk.MessageId))
            return null;
        if (!_incomplete.TryGetValue(chunk.MessageId, out var message))
            message = Start(chunk);
        var problem = message.Add(chunk);
        if (problem is not null)
        {
            Drop(chunk.MessageId);
            throw new InvalidChunkException($"chunk {chunk.Index} of message {chunk.MessageId}: {problem}; the message is dropped");
        }
        if (!message.IsComplete)
            return null;
        Drop(chunk.MessageId);
        Remember(chunk.MessageId);
        return message.Assemble();
    }

    /// <summary>Forgets the chunks received of <paramref name="messageId"/>; false when none were waiting.</summary>
    public bool Drop(string messageId)
    {
        if (!_incomplete.Remove(messageId, out var message))
            return false;
        _arrival.Remove(message.Arrival);
        return true;
    }

    private void Check(ChunkMessage chunk)
    {
        string? problem = null;
        if (chunk.Count < 1 || chunk.Count > _limits.MaxChunks)
            problem = $"a count of {chunk.Count} chunks is not between 1 and {_limits.MaxChunks}";
        else if (chunk.Index < 0 || chunk.Index >= chunk.Count)
            problem = $"the index is not between 0 and {chunk.Count - 1}";
        else if (chunk.TotalBytes < 1 || chunk.TotalBytes > _limits.MaxMessageBytes)
            problem = $"a message of {chunk.TotalBytes} bytes is not between 1 and {_limits.MaxMessageBytes} bytes";
        else if (chunk.Data.Length == 0 || chunk.Data.Length > chunk.TotalBytes)
            problem = $"{chunk.Data.Length} bytes of data is not between 1 and the message's {chunk.TotalBytes}";
        if (problem is not null)
            throw new InvalidChunkException($"chunk {chunk.Index} of message {chunk.MessageId}: {problem}");
    }

    private PartialMessage Start(ChunkMessage chunk)
    {
        var message = new PartialMessage(chunk.Job, chunk.Count, chunk.TotalBytes, _arrival.AddLast(chunk.MessageId));
        _incomplete.Add(chunk.MessageId, message);
        while (_incomplete.Count > _maxIncomplete)
            Drop(_arrival.First!.Value);
        return message;
    }

    private void Remember(string messageId)
    {
        if (!_completed.Add(messageId))
            return;
        _completedOrder.Enqueue(messageId);
        if (_completedOrder.Count > RememberedCompletions)
            _completed.Remove(_completedOrder.Dequeue());
    }
}
