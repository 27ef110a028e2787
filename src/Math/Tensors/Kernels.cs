using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace ShampooActors.Math;

/// <summary>
/// Vectorised loops that TensorPrimitives lacks, in the "store" convention of the gradient code: the result is
/// written into the destination, or added to it when <c>accumulate</c> is true.
/// </summary>
internal static class Kernels
{
    /// <summary>dst (=|+=) src.</summary>
    public static void Store(ReadOnlySpan<float> src, Span<float> dst, bool accumulate)
    {
        if (accumulate)
            TensorPrimitives.Add(dst, src, dst);
        else
            src.CopyTo(dst);
    }

    /// <summary>dst (=|+=) scale·src.</summary>
    public static void StoreScaled(ReadOnlySpan<float> src, float scale, Span<float> dst, bool accumulate)
    {
        if (accumulate)
            TensorPrimitives.MultiplyAdd(src, scale, dst, dst);
        else
            TensorPrimitives.Multiply(src, scale, dst);
    }

    /// <summary>dst (=|+=) a·b elementwise.</summary>
    public static void StoreProduct(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> dst, bool accumulate)
    {
        if (accumulate)
            TensorPrimitives.MultiplyAdd(a, b, dst, dst);
        else
            TensorPrimitives.Multiply(a, b, dst);
    }

    /// <summary>dst (=|+=) value in every element.</summary>
    public static void StoreConstant(float value, Span<float> dst, bool accumulate)
    {
        if (accumulate)
            TensorPrimitives.Add(dst, value, dst);
        else
            dst.Fill(value);
    }

    /// <summary>dst (=|+=) the sum over rows of the rows×cols matrix <paramref name="src"/>.</summary>
    public static void StoreColumnSums(ReadOnlySpan<float> src, int rows, int cols, Span<float> dst, bool accumulate)
    {
        if (!accumulate)
            dst[..cols].Clear();
        for (var r = 0; r < rows; r++)
            TensorPrimitives.Add(dst, src.Slice(r * cols, cols), dst);
    }

    /// <summary>ReLU backward: dx (=|+=) dy where y &gt; 0, else 0.</summary>
    public static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, bool accumulate)
    {
        var n = y.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            var vdy = MemoryMarshal.Cast<float, Vector<float>>(dy);
            var vdx = MemoryMarshal.Cast<float, Vector<float>>(dx);
            for (var v = 0; v < vy.Length; v++)
            {
                var masked = Vector.ConditionalSelect(Vector.GreaterThan(vy[v], Vector<float>.Zero), vdy[v], Vector<float>.Zero);
                vdx[v] = accumulate ? vdx[v] + masked : masked;
            }
            i = vy.Length * Vector<float>.Count;
        }
        for (; i < n; i++)
        {
            var g = y[i] > 0f ? dy[i] : 0f;
            dx[i] = accumulate ? dx[i] + g : g;
        }
    }

    /// <summary>tanh backward from the output: dx (=|+=) dy·(1 − y²).</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, bool accumulate)
    {
        var n = y.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            var vdy = MemoryMarshal.Cast<float, Vector<float>>(dy);
            var vdx = MemoryMarshal.Cast<float, Vector<float>>(dx);
            for (var v = 0; v < vy.Length; v++)
            {
                var g = vdy[v] * (Vector<float>.One - vy[v] * vy[v]);
                vdx[v] = accumulate ? vdx[v] + g : g;
            }
            i = vy.Length * Vector<float>.Count;
        }
        for (; i < n; i++)
        {
            var g = dy[i] * (1f - y[i] * y[i]);
            dx[i] = accumulate ? dx[i] + g : g;
        }
    }

    /// <summary>sigmoid backward from the output: dx (=|+=) dy·y·(1 − y).</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, bool accumulate)
    {
        var n = y.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            var vdy = MemoryMarshal.Cast<float, Vector<float>>(dy);
            var vdx = MemoryMarshal.Cast<float, Vector<float>>(dx);
            for (var v = 0; v < vy.Length; v++)
            {
                var g = vdy[v] * vy[v] * (Vector<float>.One - vy[v]);
                vdx[v] = accumulate ? vdx[v] + g : g;
            }
            i = vy.Length * Vector<float>.Count;
        }
        for (; i < n; i++)
        {
            var g = dy[i] * y[i] * (1f - y[i]);
            dx[i] = accumulate ? dx[i] + g : g;
        }
    }
}
