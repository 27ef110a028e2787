namespace ShampooActors.Math.Optim;

/// <summary>
/// What an optimizer remembers about one parameter (PyTorch's <c>state[p]</c>): how many steps updated it and named
/// buffers shaped like it (e.g. <c>exp_avg</c>, <c>exp_avg_sq</c>), created once at its first step.
/// </summary>
public sealed class ParameterState
{
    private readonly string[] _names;
    private readonly Tensor[] _buffers;

    internal ParameterState(string[] names, Tensor[] buffers, long step)
    {
        _names = names;
        _buffers = buffers;
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

    /// <summary>The elements of the buffer in <paramref name="slot"/> (the position of its name).</summary>
    internal Span<float> Slot(int slot) => _buffers[slot].Data;
}
