namespace ShampooActors.Math.Optim;

/// <summary>
/// What an optimizer remembers about one parameter (PyTorch's <c>state[p]</c>): how many steps updated it and named
/// buffers (e.g. <c>exp_avg</c>, <c>exp_avg_sq</c>, shaped like it for elementwise optimizers) and named integer counters
/// (e.g. a preconditioner's version), created once at its first step.
/// </summary>
public sealed class ParameterState
{
    private readonly string[] _names;
    private readonly Tensor[] _buffers;
    private readonly string[] _counterNames;
    private readonly long[] _counters;

    internal ParameterState(string[] names, Tensor[] buffers, long step, string[] counterNames, long[] counters)
    {
        _names = names;
        _buffers = buffers;
        _counterNames = counterNames;
        _counters = counters;
        Step = step;
    }

    /// <summary>How many optimizer steps have updated this parameter (PyTorch's <c>state['step']</c>).</summary>
    public long Step { get; internal set; }

    /// <summary>The buffer names, in slot order.</summary>
    public IReadOnlyList<string> BufferNames => _names;

    /// <summary>The live buffer called <paramref name="name"/> (not a copy).</summary>
    public Tensor Buffer(string name)
    {
        var slot = Array.IndexOf(_names, name);
        if (slot < 0)
            throw new KeyNotFoundException($"no optimizer state buffer '{name}'; this parameter has [{string.Join(", ", _names)}]");
        return _buffers[slot];
    }

    /// <summary>The counter names, in slot order (empty for elementwise optimizers).</summary>
    public IReadOnlyList<string> CounterNames => _counterNames;

    /// <summary>The value of the counter called <paramref name="name"/>.</summary>
    public long Counter(string name)
    {
        var slot = Array.IndexOf(_counterNames, name);
        if (slot < 0)
            throw new KeyNotFoundException($"no optimizer state counter '{name}'; this parameter has [{string.Join(", ", _counterNames)}]");
        return _counters[slot];
    }

    /// <summary>The elements of the buffer in <paramref name="slot"/> (the position of its name).</summary>
    internal Span<float> Slot(int slot) => _buffers[slot].Data;

    /// <summary>The counter in <paramref name="slot"/> (the position of its name), writable.</summary>
    internal ref long CounterSlot(int slot) => ref _counters[slot];
}
