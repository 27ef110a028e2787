namespace ShampooActors.Actors.Kernel;

/// <summary>
/// An unbounded multi-producer, single-consumer FIFO (Vyukov's linked queue): one allocation per item, a wait-free enqueue,
/// and an empty queue that costs one node. Items from one producer come out in the order they went in.
/// </summary>
internal sealed class MpscQueue<T>
{
    private sealed class Node
    {
        public T Item = default!;
        public Node? Next;
    }

    private Node _head; // producers swap in here
    private Node _tail; // the consumer reads Next of this

    public MpscQueue()
    {
        _head = _tail = new Node();
    }

    /// <summary>Adds an item; any thread.</summary>
    public void Enqueue(T item)
    {
        var node = new Node { Item = item };
        var previous = Interlocked.Exchange(ref _head, node);
        Volatile.Write(ref previous.Next, node);
    }

    /// <summary>Takes the oldest item; the consumer thread only. False while empty (or while a producer is mid-enqueue).</summary>
    public bool TryDequeue(out T item)
    {
        var tail = _tail;
        var next = Volatile.Read(ref tail.Next);
        if (next is null)
        {
            item = default!;
            return false;
        }
        item = next.Item;
        next.Item = default!;
        _tail = next;
        // Unlink the node stepped past: once promoted to an older generation, a dead node would otherwise keep its
        // successor alive through every ephemeral collection, and that one the next, and so on. No producer writes it
        // any more (its successor is linked). A turn that has just ended and checks IsEmpty while the next turn runs
        // may read this null as empty; the running turn checks again when it ends.
        tail.Next = null;
        return true;
    }

    /// <summary>True when nothing is linked yet; a producer mid-enqueue links before it schedules the consumer.</summary>
    public bool IsEmpty => Volatile.Read(ref _tail.Next) is null;
}
