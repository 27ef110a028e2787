using System.Buffers;

namespace ShampooActors.Math.Linalg;

/// <summary>
/// The n×n float64 buffers of one root computation, rented from the shared pool once per call so that repeated roots
/// of the same size reuse memory instead of allocating large-object-heap arrays, and so that no iteration allocates.
/// </summary>
internal sealed class RootWorkspace : IDisposable
{
    private readonly double[][] _buffers;

    /// <summary>Rents <paramref name="count"/> buffers of n², two vectors of n, and dsyevd's workspace when asked.</summary>
    public RootWorkspace(int n, int count, bool eigen = false)
    {
        N = n;
        _buffers = new double[count][];
        for (var i = 0; i < count; i++)
            _buffers[i] = ArrayPool<double>.Shared.Rent(n * n);
        Vector1 = ArrayPool<double>.Shared.Rent(n);
        Vector2 = ArrayPool<double>.Shared.Rent(n);
        if (!eigen)
            return;
        var (work, intWork) = Lapack.SymmetricEigenWorkspace(n);
        EigenWork = ArrayPool<double>.Shared.Rent(work);
        EigenIntWork = ArrayPool<int>.Shared.Rent(intWork);
    }

    /// <summary>The matrix order.</summary>
    public int N { get; }

    /// <summary>The number of n×n buffers.</summary>
    public int Count => _buffers.Length;

    /// <summary>A vector of at least n elements.</summary>
    public double[] Vector1 { get; }

    /// <summary>A second vector of at least n elements.</summary>
    public double[] Vector2 { get; }

    /// <summary>dsyevd's float64 workspace, when rented.</summary>
    public double[]? EigenWork { get; }

    /// <summary>dsyevd's integer workspace, when rented.</summary>
    public int[]? EigenIntWork { get; }

    /// <summary>The n×n buffer number <paramref name="index"/> (its array may be longer than n²).</summary>
    public double[] this[int index] => _buffers[index];

    public void Dispose()
    {
        foreach (var buffer in _buffers)
            ArrayPool<double>.Shared.Return(buffer);
        ArrayPool<double>.Shared.Return(Vector1);
        ArrayPool<double>.Shared.Return(Vector2);
        if (EigenWork is not null)
            ArrayPool<double>.Shared.Return(EigenWork);
        if (EigenIntWork is not null)
            ArrayPool<int>.Shared.Return(EigenIntWork);
    }
}
