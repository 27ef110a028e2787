namespace ShampooActors.Actors.Kernel;

/// <summary>The system's dispatchers by id, each made on first use from its settings and shut down with the system.</summary>
public sealed class Dispatchers
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyDictionary<string, DispatcherSettings> _settings;
    private readonly Func<DispatcherSettings, MessageDispatcher> _create;
    private readonly Dictionary<string, MessageDispatcher> _made = new(StringComparer.Ordinal);

    internal Dispatchers(IReadOnlyDictionary<string, DispatcherSettings> settings, Func<DispatcherSettings, MessageDispatcher>? create)
    {
        _settings = settings;
        _create = create ?? Make;
    }

    /// <summary>The dispatcher of that id; an id <c>actors.dispatchers</c> does not define throws.</summary>
    public MessageDispatcher Lookup(string id)
    {
        lock (_gate)
        {
            if (_made.TryGetValue(id, out var made))
                return made;
            if (!_settings.TryGetValue(id, out var settings))
                throw new ActorSettingsException(
                    $"no dispatcher '{id}' in actors.dispatchers (there are: {string.Join(", ", _settings.Keys.Order())})");
            made = _create(settings);
            _made.Add(id, made);
            return made;
        }
    }

    /// <summary>The default dispatcher.</summary>
    public MessageDispatcher Default => Lookup(Props.DefaultDispatcherId);

    internal void Shutdown()
    {
        lock (_gate)
            foreach (var dispatcher in _made.Values.Distinct())
                dispatcher.Shutdown();
    }

    private static MessageDispatcher Make(DispatcherSettings settings) => settings.Kind switch
    {
        DispatcherKind.ThreadPool => new ThreadPoolDispatcher(settings.Id, settings.Throughput),
        _ => new DedicatedThreadDispatcher(settings.Id, settings.Throughput, settings.Threads),
    };
}
