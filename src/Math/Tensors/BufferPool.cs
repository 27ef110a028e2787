namespace ShampooActors.Math;

/// <summary>
/// An exact-size pool of float arrays. A training step asks for the same sizes in the same order every time,
/// so after the first step every request is served from the pool and the step allocates no large arrays.
/// </summary>
public sealed class BufferPool
{
    private readonly Dictionary<int, Stack<float[]>> _free = new();
    private readonly Lock _gate = new();

    /// <summary>The pool shared by tapes that are not given one.</summary>
    public static BufferPool Shared { get; } = new();

    /// <summary>Arrays created because the pool had none of the requested size (a steady state adds none).</summary>
    public long Misses { get; private set; }

    /// <summary>An array of exactly <paramref name="length"/> floats with unspecified contents.</summary>
    public float[] Rent(int length)
    {
        lock (_gate)
        {
            if (_free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
                return array;
            Misses++;
        }
        return new float[length];
    }

    /// <summary>Gives an array back for reuse; the caller must hold no reference to it afterwards.</summary>
    public void Return(float[] array)
    {
        lock (_gate)
        {
            if (!_free.TryGetValue(array.Length, out var stack))
                _free[array.Length] = stack = new Stack<float[]>();
            stack.Push(array);
        }
    }
}
