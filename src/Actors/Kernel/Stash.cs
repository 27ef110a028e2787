namespace ShampooActors.Actors.Kernel;

/// <summary>An actor that can set messages aside; the kernel assigns <see cref="Stash"/> when it creates the instance.</summary>
public interface IWithStash
{
    /// <summary>This actor's stash.</summary>
    IStash Stash { get; set; }
}

/// <summary>Messages set aside to be processed later, in the order they were stashed.</summary>
public interface IStash
{
    /// <summary>Sets the current message (with its sender) aside.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    /// <summary>Drops every stashed message and returns them.</summary>
    IReadOnlyList<Envelope> ClearStash();
}

/// <summary>
/// The cell's stash: it belongs to the cell, not the instance, so on a restart its messages go back to the mailbox ahead
/// of the rest, for the new instance.
/// </summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly List<Envelope> _stashed = [];
    private long _lastStashedDelivery = -1;

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null)
            throw new InvalidOperationException($"{cell.Self.Path} can only stash while it handles a message");
        // The same delivery may be stashed once; the same message instance delivered again (a cached or interned
        // message told twice) is another delivery.
        if (cell.CurrentDelivery == _lastStashedDelivery)
            throw new InvalidOperationException($"{cell.Self.Path} stashed the same message twice");
        _lastStashedDelivery = cell.CurrentDelivery;
        _stashed.Add(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0)
            return;
        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Mailbox.Prepend([first]);
    }

    public void UnstashAll()
    {
        cell.Mailbox.Prepend(_stashed.ToArray());
        _stashed.Clear();
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        return all;
    }

    /// <summary>The actor has stopped: stashed messages go to dead letters.</summary>
    internal void Clear()
    {
        foreach (var envelope in ClearStash())
            cell.System.DeadLetterOf(envelope, cell.Self);
    }
}
