namespace ShampooActors.Actors.Kernel;

/// <summary>
/// An actor whose behaviour is a list of typed handlers, registered in its constructor (or in <see cref="Become"/>) and
/// tried in registration order; the first that accepts a message handles it.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private List<Func<object, bool>> _behaviour = [];
    private List<Func<object, bool>>? _building;
    private Stack<List<Func<object, bool>>>? _stack;

    /// <summary>Starts collecting the constructor's handlers.</summary>
    protected ReceiveActor()
    {
        _building = _behaviour;
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> (that pass <paramref name="shouldHandle"/>, when given).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
                return false;
            handler(typed);
            return true;
        });
    }

    /// <summary>Offers messages of type <typeparamref name="T"/> to <paramref name="handler"/>, which returns whether it handled them.</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message => message is T typed && handler(typed));
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously: the next message is processed only after the task
    /// completes, and the awaits continue on this actor's turn.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
                return false;
            Cell.RunAsync(() => handler(typed));
            return true;
        });
    }

    /// <summary>Handles every message not accepted by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            handler(message);
            return true;
        });
    }

    /// <summary>Handles every message not accepted by an earlier handler, asynchronously.</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            Cell.RunAsync(() => handler(message));
            return true;
        });
    }

    /// <summary>
    /// Replaces the current behaviour (the top of the stack) with the handlers <paramref name="configure"/> registers, from
    /// the next message on. The constructor's behaviour is never replaced: it stays below, so <see cref="UnbecomeStacked"/>
    /// returns to it, as in Akka.
    /// </summary>
    protected void Become(Action configure)
    {
        var next = Build(configure);
        if (_stack is not { Count: > 0 })
            (_stack ??= new Stack<List<Func<object, bool>>>()).Push(_behaviour);
        _behaviour = next;
    }

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the one below it.</summary>
    protected void BecomeStacked(Action configure)
    {
        (_stack ??= new Stack<List<Func<object, bool>>>()).Push(_behaviour);
        _behaviour = Build(configure);
    }

    /// <summary>Returns to the behaviour below the current one; the constructor's behaviour stays.</summary>
    protected void UnbecomeStacked()
    {
        if (_stack is { Count: > 0 })
            _behaviour = _stack.Pop();
    }

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        _building = null; // registration ends with the constructor
        var behaviour = _behaviour;
        for (var i = 0; i < behaviour.Count; i++)
            if (behaviour[i](message))
                return true;
        return false;
    }

    private List<Func<object, bool>> Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _building;
        var handlers = new List<Func<object, bool>>();
        _building = handlers;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }
        return handlers;
    }

    private void Add(Func<object, bool> handler)
    {
        if (_building is null)
            throw new InvalidOperationException(
                $"{GetType().Name} registers handlers in its constructor or inside Become, not while handling a message");
        _building.Add(handler);
    }
}
