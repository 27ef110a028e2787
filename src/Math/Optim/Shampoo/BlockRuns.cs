namespace ShampooActors.Math.Optim;

/// <summary>
/// A block of a row-major parameter as runs of contiguous elements (one per index of every dim but the last), in order:
/// the one mechanism behind gathering, scattering, norms and scaling of any block, of any rank.
/// </summary>
internal sealed class BlockRuns
{
    private readonly int[] _starts;

    /// <summary>The runs of the block <paramref name="geometry"/> of a parameter with merged shape <paramref name="shape"/>.</summary>
    public BlockRuns(IReadOnlyList<int> shape, BlockGeometry geometry)
    {
        var rank = shape.Count;
        var strides = new int[rank];
        var stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        RunLength = geometry.Extent[rank - 1];
        var count = geometry.Length / System.Math.Max(RunLength, 1);
        _starts = new int[count];
        var index = new int[rank];
        for (var r = 0; r < count; r++)
        {
            var start = 0;
            for (var d = 0; d < rank; d++)
                start += (geometry.Offset[d] + index[d]) * strides[d];
            _starts[r] = start;
            for (var d = rank - 2; d >= 0 && ++index[d] == geometry.Extent[d]; d--)
                index[d] = 0;
        }
        First = count > 0 ? _starts[0] : 0;
        RowStride = rank >= 2 ? shape[rank - 1] : RunLength;
    }

    /// <summary>The elements in one run (the block's extent in the last dim).</summary>
    public int RunLength { get; }

    /// <summary>The parameter index of the block's first element.</summary>
    public int First { get; }

    /// <summary>The distance between consecutive rows of the parameter's last two dims (its last merged dim).</summary>
    public int RowStride { get; }

    /// <summary>Copies the block out of <paramref name="parameter"/> into the contiguous <paramref name="block"/>.</summary>
    public void Gather(ReadOnlySpan<float> parameter, Span<float> block)
    {
        for (var r = 0; r < _starts.Length; r++)
            parameter.Slice(_starts[r], RunLength).CopyTo(block.Slice(r * RunLength, RunLength));
    }

    /// <summary>Copies the contiguous <paramref name="block"/> into its place in <paramref name="parameter"/>.</summary>
    public void Scatter(ReadOnlySpan<float> block, Span<float> parameter)
    {
        for (var r = 0; r < _starts.Length; r++)
            block.Slice(r * RunLength, RunLength).CopyTo(parameter.Slice(_starts[r], RunLength));
    }

    /// <summary>Copies the block's elements of <paramref name="source"/> into the same places of <paramref name="destination"/> (both parameter-shaped).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Copy(ReadOnlySpan<float> source, Span<float> destination)
    {
        for (var r = 0; r < _starts.Length; r++)
            source.Slice(_starts[r], RunLength).CopyTo(destination.Slice(_starts[r], RunLength));
    }

    /// <summary>Σx² over the block's elements of <paramref name="parameter"/>, accumulated in double.</summary>
    public double SumOfSquares(ReadOnlySpan<float> parameter)
    {
        double sum = 0;
        for (var r = 0; r < _starts.Length; r++)
            sum += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(parameter.Slice(_starts[r], RunLength));
        return sum;
    }

    /// <summary>Multiplies the block's elements of <paramref name="parameter"/> by <paramref name="factor"/>.</summary>
    public void Scale(Span<float> parameter, float factor)
    {
        for (var r = 0; r < _starts.Length; r++)
        {
            var run = parameter.Slice(_starts[r], RunLength);
            System.Numerics.Tensors.TensorPrimitives.Multiply(run, factor, run);
        }
    }
}
