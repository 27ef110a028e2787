namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>The chunks of one message received so far (<see cref="ChunkAssembler"/>).</summary>
internal sealed class PartialMessage(string job, int count, long totalBytes, LinkedListNode<string> arrival)
{
    private readonly byte[]?[] _parts = new byte[count][];
    private int _received;
    private long _receivedBytes;

    /// <summary>The message's node in the assembler's arrival order.</summary>
    public LinkedListNode<string> Arrival { get; } = arrival;

    /// <summary>Whether every chunk has arrived.</summary>
    public bool IsComplete => _received == _parts.Length;

    /// <summary>Stores <paramref name="chunk"/> (a duplicate with the same data is ignored); returns what is inconsistent about it, or null.</summary>
    public string? Add(ChunkMessage chunk)
    {
        if (chunk.Job != job)
            return $"its job {chunk.Job} is not the message's {job}";
        if (chunk.Count != _parts.Length)
            return $"it counts {chunk.Count} chunks, the message's first chunk {_parts.Length}";
        if (chunk.TotalBytes != totalBytes)
            return $"it says the message has {chunk.TotalBytes} bytes, the message's first chunk {totalBytes}";
        if (_parts[chunk.Index] is { } earlier)
            return earlier.AsSpan().SequenceEqual(chunk.Data) ? null : "a chunk with this index and other data arrived before";
        if (_receivedBytes + chunk.Data.Length > totalBytes)
            return $"its {chunk.Data.Length} bytes and the {_receivedBytes} received make more than the message's {totalBytes}";
        _parts[chunk.Index] = chunk.Data;
        _received++;
        _receivedBytes += chunk.Data.Length;
        if (IsComplete && _receivedBytes != totalBytes)
            return $"all {_parts.Length} chunks hold {_receivedBytes} bytes, not the message's {totalBytes}";
        return null;
    }

    /// <summary>The chunks' data concatenated in index order (only once complete).</summary>
    public byte[] Assemble()
    {
        var whole = new byte[totalBytes];
        var offset = 0;
        foreach (var part in _parts)
        {
            part!.CopyTo(whole, offset);
            offset += part.Length;
        }
        return whole;
    }
}
