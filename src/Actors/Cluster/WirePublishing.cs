using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Actors.Cluster.Wire;

namespace ShampooActors.Actors.Cluster;

/// <summary>Publishing encoded messages whole or, above the chunk size, in chunks: in sequence on an ordered path, or behind a claim check on a conflated queue.</summary>
internal static class WirePublishing
{
    /// <summary>
    /// Publishes <paramref name="envelope"/> to <paramref name="exchange"/>: whole, or as consecutive chunks when it is larger
    /// than <paramref name="chunkBytes"/> (for a path that keeps order, like a fanout to exclusive queues). Returns the chunk count (0: whole).
    /// </summary>
    public static async Task<int> PublishAsync(IBrokerChannel channel, string exchange, string routingKey, string job, byte[] envelope,
        int chunkBytes, string messageId)
    {
        if (envelope.Length <= chunkBytes)
        {
            await channel.PublishAsync(exchange, routingKey, envelope);
            return 0;
        }
        var chunks = WireChunks.Split(job, envelope, chunkBytes, messageId);
        foreach (var chunk in chunks)
            await channel.PublishAsync(exchange, routingKey, chunk);
        return chunks.Count;
    }

    /// <summary>
    /// Publishes a snapshot envelope to its block queue: whole, or when larger than <paramref name="chunkBytes"/> its chunks to
    /// a chunk queue of their own and a <see cref="ChunkTicket"/> to the block queue (a conflated queue cannot hold a message's
    /// chunks: it keeps only the newest). Returns the chunk count (0: whole).
    /// </summary>
    public static async Task<int> PublishSnapshotAsync(IBrokerChannel channel, string blockQueue, SnapshotMessage message, byte[] envelope,
        int chunkBytes, string messageId)
    {
        if (envelope.Length <= chunkBytes)
        {
            await channel.PublishAsync("", blockQueue, envelope);
            return 0;
        }
        var chunkQueue = ClusterTopology.ChunkQueue(message.Job, messageId);
        await channel.DeclareQueueAsync(chunkQueue);
        var chunks = WireChunks.Split(message.Job, envelope, chunkBytes, messageId);
        await Task.WhenAll(chunks.Select(chunk => channel.PublishAsync("", chunkQueue.Name, chunk)));
        var ticket = new ChunkTicket(message.Job, message.Snapshot.BlockId, message.Snapshot.Version, message.Epoch, chunkQueue.Name, messageId, chunks.Count);
        await channel.PublishAsync("", blockQueue, WireFormat.Encode(ticket));
        return chunks.Count;
    }
}
