namespace ShampooActors.Actors.Kernel;

/// <summary>The default dispatcher: mailbox turns are work items on the .NET thread pool.</summary>
public sealed class ThreadPoolDispatcher(string id, int throughput) : MessageDispatcher(id, throughput)
{
    /// <inheritdoc />
    public override void Execute(IRunnable work)
    {
        if (work is IThreadPoolWorkItem item)
            ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
        else
            ThreadPool.UnsafeQueueUserWorkItem(static w => w.Run(), work, preferLocal: false);
    }
}
