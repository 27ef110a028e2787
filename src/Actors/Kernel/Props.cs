namespace ShampooActors.Actors.Kernel;

/// <summary>How to create an actor: a factory (called again on every restart, so it must be re-runnable) and a dispatcher.</summary>
public sealed class Props
{
    /// <summary>The id of the dispatcher actors run on unless their props name another.</summary>
    public const string DefaultDispatcherId = "default";

    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, string dispatcher)
    {
        ActorType = actorType;
        _factory = factory;
        Dispatcher = dispatcher;
    }

    /// <summary>Props of an actor made by <paramref name="factory"/>.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory, DefaultDispatcherId);
    }

    /// <summary>Props of an actor made by its parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() => Create(static () => new TActor());

    /// <summary>The actor's declared type.</summary>
    public Type ActorType { get; }

    /// <summary>The id of the dispatcher the actor runs on (a key of <c>actors.dispatchers</c>).</summary>
    public string Dispatcher { get; }

    /// <summary>The same props on another dispatcher.</summary>
    public Props WithDispatcher(string dispatcher)
    {
        ArgumentException.ThrowIfNullOrEmpty(dispatcher);
        return new Props(ActorType, _factory, dispatcher);
    }

    internal ActorBase NewActor() =>
        _factory() ?? throw new InvalidOperationException($"the factory of {ActorType.Name} returned null");

    /// <inheritdoc />
    public override string ToString() => $"Props({ActorType.Name}, dispatcher {Dispatcher})";
}
