using System.Numerics.Tensors;

namespace ShampooActors.Math;

public static partial class Ops
{
    /// <summary>The sum of all elements, as a 0-dimensional tensor.</summary>
    public static Tensor Sum(Tensor x) => Reduce(x, 1f);

    /// <summary>The mean of all elements, as a 0-dimensional tensor.</summary>
    public static Tensor Mean(Tensor x)
    {
        if (x.Length == 0)
            throw new ArgumentException("mean: the tensor is empty");
        return Reduce(x, 1f / x.Length);
    }

    private static Tensor Reduce(Tensor x, float scale)
    {
        var y = Tensor.Uninitialized([]);
        y.Data[0] = (float)(PrecisionSum(x.Data) * scale);
        return Tracks(x) ? Record(new ReduceNode(x, scale), y) : y;
    }

    /// <summary>A sum accumulated in float64 over float32 chunks, so long reductions do not drift.</summary>
    private static double PrecisionSum(ReadOnlySpan<float> values)
    {
        const int chunk = 1024;
        double total = 0;
        for (var i = 0; i < values.Length; i += chunk)
            total += TensorPrimitives.Sum(values.Slice(i, System.Math.Min(chunk, values.Length - i)));
        return total;
    }

    private sealed class ReduceNode(Tensor x, float scale) : TapeNode
    {
        public override void Backward(ReadOnlySpan<float> dy)
        {
            var dx = x.AcquireGrad(out var acc);
            Kernels.StoreConstant(dy[0] * scale, dx, acc);
        }
    }
}
