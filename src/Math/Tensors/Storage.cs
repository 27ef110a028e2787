namespace ShampooActors.Math;

/// <summary>The memory behind a tensor and its views; pooled storage is released when its tape is disposed.</summary>
internal sealed class Storage(float[] array)
{
    private float[]? _array = array;

    public float[] Array => _array ?? throw new ObjectDisposedException(nameof(Tensor),
        "this tensor's memory was released when its GradientTape was disposed; copy what you need (Clone(), Item(), ToArray()) inside the tape's scope");

    public bool IsReleased => _array is null;

    /// <summary>Hands the array back to <paramref name="pool"/>; later reads fail loudly instead of seeing reused memory.</summary>
    public void ReleaseTo(BufferPool pool)
    {
        if (_array is null)
            return;
        pool.Return(_array);
        _array = null;
    }
}
