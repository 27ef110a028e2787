using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;

namespace ShampooActors.Testing;

/// <summary>
/// Every <see cref="TrainingEvent"/> published on an actor system's event stream, in publication order, each with the time
/// it was published; with queries and assertions about staleness, versions and waits. Attached, it records through a
/// function subscriber that runs on the publisher's turn, so the order and times are exactly those of publication (in
/// virtual time: deterministic). <see cref="Of"/> builds one from given events. Thread-safe.
/// </summary>
public sealed partial class DeliveryTrace : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<TracedEvent> _events = [];
    private readonly DateTimeOffset _origin;
    private readonly ActorSystem? _system;
    private IActorRef? _subscriber;

    private DeliveryTrace(DateTimeOffset origin, ActorSystem? system)
    {
        _origin = origin;
        _system = system;
    }

    /// <summary>A trace of <paramref name="system"/>'s training events from now on (its times relative to now); dispose it to stop recording.</summary>
    public static DeliveryTrace Attach(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var trace = new DeliveryTrace(system.Scheduler.Now, system);
        var subscriber = new FunctionRef(system, system.TempPath(), (message, _) =>
        {
            if (message is TrainingEvent e)
                trace.Record(e, system.Scheduler.Now);
        });
        trace._subscriber = subscriber;
        system.EventStream.Subscribe(subscriber, typeof(TrainingEvent));
        return trace;
    }

    /// <summary>A trace of <paramref name="events"/> in the given order, each at its own stamp relative to <paramref name="origin"/> (default: the first event's).</summary>
    public static DeliveryTrace Of(IEnumerable<TrainingEvent> events, DateTimeOffset? origin = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = events.ToList();
        var trace = new DeliveryTrace(origin ?? (list.Count > 0 ? list[0].At : default), null);
        foreach (var e in list)
            trace.Record(e, e.At);
        return trace;
    }

    /// <summary>Every event recorded so far, in order.</summary>
    public IReadOnlyList<TracedEvent> Events
    {
        get
        {
            lock (_gate)
                return _events.ToArray();
        }
    }

    /// <summary>How many events were recorded.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _events.Count;
        }
    }

    /// <summary>The recorded events of type <typeparamref name="T"/>, in order.</summary>
    public IReadOnlyList<T> EventsOf<T>() where T : TrainingEvent => Events.Select(e => e.Event).OfType<T>().ToArray();

    /// <summary>Each block's staleness over the recorded steps, in step order (from <see cref="StepCompleted.Staleness"/>).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<StalenessSample>> StalenessPerBlock()
    {
        var perBlock = new SortedDictionary<int, List<StalenessSample>>();
        foreach (var step in EventsOf<StepCompleted>())
        {
            for (var b = 0; b < step.Staleness.Count; b++)
            {
                if (!perBlock.TryGetValue(b, out var samples))
                    perBlock[b] = samples = [];
                samples.Add(new StalenessSample(step.Step, step.Staleness[b]));
            }
        }
        return perBlock.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<StalenessSample>)kv.Value);
    }

    /// <summary>Block <paramref name="block"/>'s staleness over the recorded steps (empty when no step reported it).</summary>
    public IReadOnlyList<StalenessSample> StalenessOf(int block) =>
        StalenessPerBlock().TryGetValue(block, out var samples) ? samples : [];

    /// <summary>The largest staleness of any block over the recorded steps from <paramref name="fromStep"/> on; 0 when there is none.</summary>
    public long MaxStaleness(long fromStep = 0) =>
        EventsOf<StepCompleted>().Where(s => s.Step >= fromStep).SelectMany(s => s.Staleness).DefaultIfEmpty(0).Max();

    /// <summary>Each block's adoptions, in order.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<RootsAdopted>> AdoptionsPerBlock() =>
        EventsOf<RootsAdopted>().GroupBy(a => a.Block).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RootsAdopted>)g.ToArray());

    /// <summary>Block <paramref name="block"/>'s adoptions, in order.</summary>
    public IReadOnlyList<RootsAdopted> AdoptionsOf(int block) => EventsOf<RootsAdopted>().Where(a => a.Block == block).ToArray();

    /// <summary>The trace, one event a line.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Events);

    /// <summary>Stops recording (what was recorded stays).</summary>
    public void Dispose()
    {
        if (_subscriber is { } subscriber)
            _system!.EventStream.Unsubscribe(subscriber);
        _subscriber = null;
    }

    /// <summary>A trace time for messages: milliseconds since the origin.</summary>
    internal static string Format(TimeSpan time) => $"[{time.TotalMilliseconds:0.###} ms]";

    private void Record(TrainingEvent e, DateTimeOffset at)
    {
        lock (_gate)
            _events.Add(new TracedEvent(at - _origin, e));
    }
}
