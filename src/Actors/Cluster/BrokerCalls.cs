using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Cluster;

/// <summary>Broker calls whose failure changes nothing: settling on a channel that has gone, closing a channel being dropped.</summary>
internal static class BrokerCalls
{
    /// <summary>Runs <paramref name="operation"/>, ignoring a <see cref="BrokerException"/> (the broker requeues what it had delivered on a gone channel).</summary>
    public static async Task Quietly(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (BrokerException)
        {
        }
    }

    /// <summary>Closes <paramref name="channel"/> without waiting; a failure to close is observed and dropped.</summary>
    public static void CloseInBackground(IBrokerChannel channel) =>
        _ = channel.DisposeAsync().AsTask().ContinueWith(t => t.Exception, TaskScheduler.Default);
}
