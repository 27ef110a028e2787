using System.Collections.Concurrent;
using ShampooActors.Actors.Kernel;

namespace ShampooActors.Testing;

/// <summary>The messages a test actor received, with their senders, waiting for expectations.</summary>
internal sealed class TestActorQueue
{
    private readonly ConcurrentQueue<Envelope> _messages = new();

    public SemaphoreSlim Signal { get; } = new(0);

    public AutoPilot? Pilot { get; set; }

    public bool IsEmpty => _messages.IsEmpty;

    public void Add(Envelope envelope)
    {
        _messages.Enqueue(envelope);
        Signal.Release();
    }

    public bool TryTake(out Envelope envelope) => _messages.TryDequeue(out envelope);
}

/// <summary>The actor behind a probe: queues what it receives, runs the auto-pilot, watches on request.</summary>
internal sealed class TestActor(TestActorQueue queue) : ActorBase
{
    internal sealed record WatchCommand(IActorRef Subject, TaskCompletionSource Done);

    internal sealed record UnwatchCommand(IActorRef Subject, TaskCompletionSource Done);

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand watch:
                Context.Watch(watch.Subject);
                watch.Done.TrySetResult();
                return true;
            case UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Subject);
                unwatch.Done.TrySetResult();
                return true;
        }
        var sender = Sender;
        if (queue.Pilot is { } pilot && !ReferenceEquals(pilot, AutoPilot.NoAutoPilot))
        {
            var next = pilot.Run(sender, message);
            if (!ReferenceEquals(next, AutoPilot.KeepRunning))
                queue.Pilot = next;
        }
        queue.Add(new Envelope(message, sender));
        return true;
    }
}
