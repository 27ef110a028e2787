namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>Splits an envelope too large for one broker message into chunk envelopes (see <see cref="ChunkAssembler"/> for the other end).</summary>
public static class WireChunks
{
    /// <summary>
    /// <paramref name="envelope"/> (an encoded message of <paramref name="job"/>) cut into pieces of <paramref name="chunkSize"/>
    /// bytes, the last one shorter, each wrapped in an encoded <see cref="ChunkMessage"/> envelope, in order. An envelope of at
    /// most <paramref name="chunkSize"/> bytes gives one chunk. A receiver rejects more chunks than its
    /// <see cref="WireLimits.MaxChunks"/>, so pick <paramref name="chunkSize"/> accordingly.
    /// </summary>
    public static IReadOnlyList<byte[]> Split(string job, byte[] envelope, int chunkSize, string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(job);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (envelope.Length == 0)
            throw new ArgumentException("an empty envelope has nothing to chunk", nameof(envelope));
        var count = (int)((envelope.Length + (long)chunkSize - 1) / chunkSize);
        var chunks = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var start = i * (long)chunkSize;
            var length = (int)System.Math.Min(chunkSize, envelope.Length - start);
            chunks[i] = WireFormat.EncodeChunk(job, messageId, i, count, envelope.Length, envelope.AsSpan((int)start, length));
        }
        return chunks;
    }
}
