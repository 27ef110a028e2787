using ShampooActors.Actors.Cluster.Wire;

namespace ShampooActors.Actors.Cluster.Node;

/// <summary>Tells a node worker to consume the block queues of <paramref name="Job"/> (those it does not consume yet) and check snapshots against these shapes.</summary>
internal sealed record ServeJob(string Job, long Epoch, IReadOnlyList<BlockShape> Blocks);

/// <summary>Tells a node worker to stop consuming a job's queues.</summary>
internal sealed record StopServing(string Job);

/// <summary>Tells a node worker that its channel is gone (the connection was lost): it forgets its consumers and the delivery in hand.</summary>
internal sealed record ChannelLost
{
    public static ChannelLost Instance { get; } = new();
}

/// <summary>A worker tells its node that it published roots for <paramref name="Job"/>.</summary>
internal sealed record RootsComputed(string Job);

/// <summary>A worker tells its node that a valid snapshot of <paramref name="Job"/> arrived: a sign of life of its trainer, like an announcement.</summary>
internal sealed record TrainerAlive(string Job, long Epoch);
