namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>What a queue of <see cref="InMemoryBroker"/> holds at one moment, for tests.</summary>
/// <param name="Name">The queue's name.</param>
/// <param name="Ready">Messages waiting to be delivered.</param>
/// <param name="Unacked">Messages delivered and not yet acknowledged or rejected.</param>
/// <param name="Consumers">Its consumers.</param>
/// <param name="Enqueued">Messages that ever arrived in it (published, dead-lettered into it; requeues not counted).</param>
public sealed record InMemoryQueueState(string Name, int Ready, int Unacked, int Consumers, long Enqueued);
