using ShampooActors.Actors.Kernel;
using Xunit.Sdk;

namespace ShampooActors.Testing;

public abstract partial class TestKitBase
{
    /// <summary>Runs <paramref name="block"/>, which must finish within <paramref name="max"/>; expectations inside default to the time left.</summary>
    public void Within(TimeSpan max, Action block) => Within(TimeSpan.Zero, max, block);

    /// <summary>Runs <paramref name="block"/>, which must take at least <paramref name="min"/> and at most <paramref name="max"/>.</summary>
    public void Within(TimeSpan min, TimeSpan max, Action block) => Within(min, max, () =>
    {
        block();
        return true;
    });

    /// <summary>Runs <paramref name="block"/> within <paramref name="max"/> and returns its result.</summary>
    public T Within<T>(TimeSpan max, Func<T> block) => Within(TimeSpan.Zero, max, block);

    /// <summary>Runs <paramref name="block"/>, which must take between <paramref name="min"/> and <paramref name="max"/>, and returns its result.</summary>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var start = Timeline.Now;
        var deadline = start + max;
        if (_deadlines.Count > 0 && _deadlines.Peek() < deadline)
            deadline = _deadlines.Peek();
        _deadlines.Push(deadline);
        T result;
        try
        {
            result = block();
        }
        finally
        {
            _deadlines.Pop();
        }
        var took = Timeline.Now - start;
        if (took < min)
            throw new XunitException($"the block took {took}, less than the minimum {min}");
        if (took > max)
            throw new XunitException($"the block took {took}, more than the maximum {max}");
        return result;
    }

    /// <summary>Lets <paramref name="duration"/> pass: in virtual time the clock advances (timers fire), in real time the thread sleeps.</summary>
    public void Pass(TimeSpan duration) => Timeline.Pass(duration);

    /// <summary>
    /// Retries <paramref name="assertion"/> every <paramref name="interval"/> (default 100 ms) until it passes or
    /// <paramref name="duration"/> (default: the time left) has passed, then rethrows its last failure.
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var limit = duration ?? RemainingOrDefault;
        var step = interval ?? TimeSpan.FromMilliseconds(100);
        var deadline = Timeline.Now + limit;
        while (true)
        {
            Timeline.WaitUntil(() => false, TimeSpan.Zero);
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Timeline.Now < deadline)
            {
                var left = deadline - Timeline.Now;
                Timeline.Pass(left < step ? left : step);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails after <paramref name="max"/> (default: the time left).</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null)
    {
        var limit = max ?? RemainingOrDefault;
        if (!Timeline.WaitUntil(condition, limit))
            throw new XunitException($"condition not met within {limit}{Hint(message)}");
    }

    /// <summary>
    /// Subscribes to <typeparamref name="TEvent"/> on the event stream, runs <paramref name="action"/>, and expects a matching
    /// event (default: any); returns it. Use it for dead letters, unhandled messages and log events.
    /// </summary>
    public TEvent ExpectEvent<TEvent>(Action action, Predicate<TEvent>? isEvent = null, TimeSpan? timeout = null)
    {
        var probe = new TestProbe(Sys, Timeline, Settings, null);
        Sys.EventStream.Subscribe(probe.TestActor, typeof(TEvent));
        try
        {
            action();
            return probe.FishForMessage(isEvent, timeout ?? RemainingOrDefault, $"a {typeof(TEvent).Name} on the event stream");
        }
        finally
        {
            Sys.EventStream.Unsubscribe(probe.TestActor);
            Sys.Stop(probe.TestActor);
        }
    }

    /// <summary>Runs <paramref name="action"/> and asserts no matching <typeparamref name="TEvent"/> is published within <paramref name="duration"/>.</summary>
    public void ExpectNoEvent<TEvent>(Action action, Predicate<TEvent>? isEvent = null, TimeSpan? duration = null)
    {
        var probe = new TestProbe(Sys, Timeline, Settings, null);
        Sys.EventStream.Subscribe(probe.TestActor, typeof(TEvent));
        try
        {
            action();
            var limit = duration ?? Settings.ExpectNoMessageDefault;
            var deadline = Timeline.Now + limit;
            while (probe.TryReceiveOne(Max(TimeSpan.Zero, deadline - Timeline.Now), out var envelope))
                if (envelope.Message is TEvent e && (isEvent is null || isEvent(e)))
                    throw new XunitException($"expected no {typeof(TEvent).Name} but {e} was published");
        }
        finally
        {
            Sys.EventStream.Unsubscribe(probe.TestActor);
            Sys.Stop(probe.TestActor);
        }
    }
}
