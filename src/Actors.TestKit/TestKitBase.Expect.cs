using ShampooActors.Actors.Kernel;
using Xunit.Sdk;

namespace ShampooActors.Testing;

public abstract partial class TestKitBase
{
    /// <summary>Takes the next message: it must be a <typeparamref name="T"/> (and pass <paramref name="isMessage"/>, if given).</summary>
    public T ExpectMsg<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null, string? hint = null)
    {
        var envelope = ReceiveOne(timeout, $"a {typeof(T).Name}{Hint(hint)}");
        if (envelope.Message is not T typed)
            throw new XunitException($"expected a {typeof(T).Name}{Hint(hint)} but received {Describe(envelope)}");
        if (isMessage is not null && !isMessage(typed))
            throw new XunitException($"received {Describe(envelope)}, which does not match{Hint(hint)}");
        return typed;
    }

    /// <summary>Takes the next message: it must equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull
    {
        var envelope = ReceiveOne(timeout, $"{expected}");
        if (!Equals(envelope.Message, expected))
            throw new XunitException($"expected {expected} but received {Describe(envelope)}");
        return (T)envelope.Message;
    }

    /// <summary>Takes the next message, a <typeparamref name="T"/>, and runs <paramref name="assert"/> on it.</summary>
    public T ExpectMsg<T>(Action<T> assert, TimeSpan? timeout = null)
    {
        var typed = ExpectMsg<T>(isMessage: null, timeout);
        assert(typed);
        return typed;
    }

    /// <summary>Takes the next message and its sender: the message must be a <typeparamref name="T"/>.</summary>
    public (T Message, IActorRef Sender) ExpectMsgFrom<T>(IActorRef sender, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(isMessage: null, timeout);
        if (!Equals(LastSender, sender))
            throw new XunitException($"expected {typeof(T).Name} from {sender.Path} but it came from {LastSender.Path}");
        return (message, LastSender);
    }

    /// <summary>
    /// Asserts that no message arrives for <paramref name="duration"/> (default <see cref="TestKitSettings.ExpectNoMessageDefault"/>).
    /// In virtual time the duration passes at once, exactly.
    /// </summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var limit = duration ?? Settings.ExpectNoMessageDefault;
        if (Timeline.WaitUntil(() => !_queue.IsEmpty, limit, _queue.Signal) && _queue.TryTake(out var envelope))
            throw new XunitException($"expected no message for {limit} but received {Describe(envelope)}");
    }

    /// <summary>Takes the next message: the <see cref="Terminated"/> of <paramref name="actor"/> (which the test actor must <see cref="Watch"/>).</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => Equals(t.ActorRef, actor), timeout, $"Terminated of {actor.Path}");

    /// <summary>Takes messages until one passes <paramref name="isMessage"/> and returns it; the others are dropped.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? max = null, string? hint = null)
    {
        var limit = max ?? RemainingOrDefault;
        var deadline = Timeline.Now + limit;
        var seen = new List<string>();
        while (true)
        {
            var left = deadline - Timeline.Now;
            if (left < TimeSpan.Zero || !TryReceiveOne(left, out var envelope))
                throw new XunitException(
                    $"no message matched{Hint(hint)} within {limit}; received {(seen.Count == 0 ? "nothing" : string.Join(", ", seen))}");
            if (isMessage(envelope.Message))
                return envelope.Message;
            seen.Add(Describe(envelope));
        }
    }

    /// <summary>Takes messages until a <typeparamref name="T"/> passes <paramref name="isMessage"/>.</summary>
    public T FishForMessage<T>(Predicate<T>? isMessage = null, TimeSpan? max = null, string? hint = null) =>
        (T)FishForMessage(m => m is T typed && (isMessage is null || isMessage(typed)), max, hint ?? typeof(T).Name);

    /// <summary>Takes the next <paramref name="count"/> messages, of any type.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        var limit = max ?? RemainingOrDefault;
        var deadline = Timeline.Now + limit;
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            var left = deadline - Timeline.Now;
            if (left < TimeSpan.Zero || !TryReceiveOne(left, out var envelope))
                throw new XunitException($"expected {count} messages within {limit} but received {messages.Count}");
            messages.Add(envelope.Message);
        }
        return messages;
    }

    /// <summary>Takes the next message within <paramref name="max"/>, or returns false.</summary>
    public bool TryReceiveOne(TimeSpan max, out Envelope envelope)
    {
        Envelope taken = default;
        var got = Timeline.WaitUntil(() => _queue.TryTake(out taken), max, _queue.Signal);
        envelope = taken;
        if (got)
            _last = taken;
        return got;
    }

    /// <summary>Whether a message is waiting (without running or waiting).</summary>
    public bool HasMessages => !_queue.IsEmpty;

    private Envelope ReceiveOne(TimeSpan? timeout, string expected)
    {
        var limit = timeout ?? RemainingOrDefault;
        if (!TryReceiveOne(limit, out var envelope))
            throw new XunitException($"timed out after {limit} waiting for {expected}");
        return envelope;
    }

    private static string Describe(Envelope envelope) =>
        $"{envelope.Message} ({envelope.Message.GetType().Name}) from {envelope.Sender?.Path.ToString() ?? "no sender"}";

    private static string Hint(string? hint) => hint is null ? "" : $" ({hint})";
}
