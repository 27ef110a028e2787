using ShampooActors.Actors.Kernel;
using Xunit.Sdk;

namespace ShampooActors.Testing;

/// <summary>
/// Expectations on the messages one test actor receives, shared by <see cref="TestKit"/> (its <c>TestActor</c>) and
/// <see cref="TestProbe"/>. In virtual time a wait runs the actors and advances the clock timer by timer, never sleeping;
/// in real time it blocks. Failures throw xunit's assertion exception with what was expected and what came.
/// </summary>
public abstract partial class TestKitBase
{
    private readonly TestActorQueue _queue;
    private readonly Stack<TimeSpan> _deadlines = new();
    private Envelope _last;

    private protected TestKitBase(ActorSystem system, TestTimeline timeline, TestKitSettings settings, string name)
    {
        Sys = system;
        Timeline = timeline;
        Settings = settings;
        _queue = new TestActorQueue();
        var queue = _queue;
        TestActor = system.ActorOf(Props.Create(() => new TestActor(queue)), name);
    }

    /// <summary>The actor system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The actor whose received messages the expectations read; use it as a sender or a target.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The sender of the last message an expectation took.</summary>
    public IActorRef LastSender => _last.Sender ?? Sys.DeadLetters;

    /// <summary>Default timeouts.</summary>
    public TestKitSettings Settings { get; }

    internal TestTimeline Timeline { get; }

    /// <summary>Time left in the innermost <see cref="Within(TimeSpan, Action)"/> block, or the default expectation timeout outside one.</summary>
    public TimeSpan RemainingOrDefault => _deadlines.Count == 0 ? Settings.SingleExpectDefault : Max(TimeSpan.Zero, _deadlines.Peek() - Timeline.Now);

    /// <summary>Tells <paramref name="message"/> to <paramref name="actor"/> with the test actor as sender.</summary>
    public void Send(IActorRef actor, object message) => actor.Tell(message, TestActor);

    /// <summary>Replies to the sender of the last message taken.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Forwards the last message taken to <paramref name="actor"/>, keeping its original sender.</summary>
    public void Forward(IActorRef actor) => actor.Tell(_last.Message ?? throw new InvalidOperationException("no message taken yet"), _last.Sender);

    /// <summary>Lets the test actor answer by itself from now on.</summary>
    public void SetAutoPilot(AutoPilot pilot) => _queue.Pilot = pilot;

    /// <summary>Makes the test actor watch <paramref name="actor"/> (returns once the watch is registered); expect <see cref="Terminated"/> with <see cref="ExpectTerminated"/>.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        var done = new TaskCompletionSource();
        TestActor.Tell(new TestActor.WatchCommand(actor, done), ActorRefs.NoSender);
        Await(done.Task, "the test actor to register the watch");
        return actor;
    }

    /// <summary>Makes the test actor stop watching <paramref name="actor"/>.</summary>
    public IActorRef Unwatch(IActorRef actor)
    {
        var done = new TaskCompletionSource();
        TestActor.Tell(new TestActor.UnwatchCommand(actor, done), ActorRefs.NoSender);
        Await(done.Task, "the test actor to cancel the watch");
        return actor;
    }

    /// <summary>Waits for <paramref name="task"/> (in virtual time: runs and advances until it completes) and returns its result.</summary>
    public T Result<T>(Task<T> task, TimeSpan? max = null)
    {
        Await(task, "the task to complete", max);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for <paramref name="task"/> (in virtual time: runs and advances until it completes); rethrows its failure.</summary>
    public void Result(Task task, TimeSpan? max = null)
    {
        Await(task, "the task to complete", max);
        task.GetAwaiter().GetResult();
    }

    private void Await(Task task, string what, TimeSpan? max = null)
    {
        var limit = max ?? RemainingOrDefault;
        if (!Timeline.WaitUntil(() => task.IsCompleted, limit))
            throw new XunitException($"timed out after {limit} waiting for {what}");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
