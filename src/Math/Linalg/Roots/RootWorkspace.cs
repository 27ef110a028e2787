using System.Buffers;

namespace ShampooActors.Math.Linalg;

/// <summary>
/// The n×n float64 buffers of one root computation, rented from the shared pool once per call so that repeated roots
/// of the same size reuse memory instead of allocating large-object-heap arrays, and so that no iteration allocates.
/// </summary>
internal sealed class RootWorkspace : IDisposable
{
    private readonly double[][] _buffers;

    /// <summary>Rents <paramref name="count"/> buffers of n² elements and two vectors of n.</summary>
    public RootWorkspace(int n, int count)
    {
        N = n;
        _buffers = new double[count + 2][];
        for (var i = 0; i < count; i++)
            _buffers[i] = ArrayPool<double>.Shared.Rent(n * n);
        _buffers[count] = ArrayPool<double>.Shared.Rent(n);
        _buffers[count + 1] = ArrayPool<double>.Shared.Rent(n);
        Vector1 = _buffers[count];
        Vector2 = _buffers[count + 1];
    }

    /// <summary>The matrix order.</summary>
    public int N { get; }

    /// <summary>The number of n×n buffers.</summary>
    public int Count => _buffers.Length - 2;

    /// <summary>A vector of at least n elements.</summary>
    public double[] Vector1 { get; }

    /// <summary>A second vector of at least n elements.</summary>
    public double[] Vector2 { get; }

    /// <summary>The n×n buffer number <paramref name="index"/> (its array may be longer than n²).</summary>
    public double[] this[int index] => _buffers[index];

    public void Dispose()
    {
        foreach (var buffer in _buffers)
            ArrayPool<double>.Shared.Return(buffer);
    }
}
