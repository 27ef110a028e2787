namespace ShampooActors.Math;

/// <summary>
/// Records differentiable operations in execution order and owns the memory of their results. Typical step:
/// <c>using (var tape = new GradientTape()) { var loss = ...; loss.Backward(); value = loss.Item(); }</c>.
/// Operation results created inside the tape are pooled and released at <see cref="Dispose"/>; parameters and
/// their gradients live on. Outside any tape nothing is recorded (inference mode). A tape belongs to one thread.
/// </summary>
public sealed class GradientTape : IDisposable
{
    [ThreadStatic]
    private static GradientTape? t_current;

    private readonly GradientTape? _outer;
    private readonly BufferPool _pool;
    private readonly List<TapeNode> _nodes = [];
    private readonly List<Storage> _owned = [];
    private bool _consumed;
    private bool _disposed;

    /// <summary>Starts recording on the current thread; result memory comes from <paramref name="pool"/> (default: shared).</summary>
    public GradientTape(BufferPool? pool = null) : this(pool, recording: true)
    {
    }

    private GradientTape(BufferPool? pool, bool recording)
    {
        IsRecording = recording;
        _pool = pool ?? BufferPool.Shared;
        _outer = t_current;
        t_current = this;
    }

    /// <summary>
    /// A memory scope that records nothing (torch.no_grad with pooled results): for evaluation, where results are
    /// read inside the scope and no gradient is wanted.
    /// </summary>
    public static GradientTape NoGrad(BufferPool? pool = null) => new(pool, recording: false);

    /// <summary>Whether operations inside this scope record their backward steps.</summary>
    public bool IsRecording { get; }

    /// <summary>The innermost tape (recording or not) of the current thread, or null.</summary>
    public static GradientTape? Current => t_current;

    /// <summary>The number of operations recorded so far.</summary>
    public int OperationCount => _nodes.Count;

    internal Tensor NewTensor(int[] shape)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var storage = new Storage(_pool.Rent(Shapes.Count(shape)));
        _owned.Add(storage);
        return new Tensor(storage, 0, shape);
    }

    /// <summary>Scratch memory that lives until the tape is disposed (e.g. saved softmax probabilities).</summary>
    internal float[] Scratch(int length)
    {
        var storage = new Storage(_pool.Rent(length));
        _owned.Add(storage);
        return storage.Array;
    }

    internal void Record(TapeNode node, Tensor output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsRecording)
            throw new InvalidOperationException("a no-grad scope records no operations");
        node.Tape = this;
        node.Index = _nodes.Count;
        node.Output = output;
        output.Node = node;
        output.RequiresGrad = true;
        _nodes.Add(node);
    }

    /// <summary>Walks the tape backwards from <paramref name="root"/>, which already holds its seed gradient.</summary>
    internal void Backward(TapeNode root)
    {
        EnsureBackwardAllowed();
        _consumed = true;
        for (var i = root.Index; i >= 0; i--)
        {
            var node = _nodes[i];
            if (node.Output.Grad is not null)
                node.Backward(node.Output.Grad.Data);
        }
    }

    /// <summary>Throws unless a backward pass may still run; called before the root's seed gradient is written.</summary>
    internal void EnsureBackwardAllowed()
    {
        if (_disposed)
            throw new ObjectDisposedException(nameof(GradientTape),
                "this result's GradientTape was disposed, so its graph is gone; call Backward() inside the tape's scope");
        if (_consumed)
            throw new InvalidOperationException("Backward() was already run on this tape; record a new forward pass in a new GradientTape");
    }

    /// <summary>Stops recording and returns every result's memory to the pool; results become unreadable.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        if (t_current != this)
            throw new InvalidOperationException("gradient tapes must be disposed in reverse order of creation, on the thread that created them");
        _disposed = true;
        t_current = _outer;
        foreach (var storage in _owned)
            storage.ReleaseTo(_pool);
        _owned.Clear();
        _nodes.Clear();
    }
}
