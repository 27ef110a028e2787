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

    /// <summary>
    /// Σ log(1 + uᵢ) for uᵢ ≥ 0 with every term accurate to a few ulps, also for tiny uᵢ: TensorPrimitives.LogP1
    /// evaluates log(1 + u) literally and loses every digit of u below 2⁻²⁴. Uses log1p(u) = log(w)·u/(w − 1) with
    /// w = 1 + u rounded (Goldberg), where w − 1 is exact. <paramref name="w"/> and <paramref name="logW"/> are scratch.
    /// </summary>
    public static double SumLog1p(ReadOnlySpan<float> u, Span<float> w, Span<float> logW)
    {
        TensorPrimitives.Add(u, 1f, w);
        TensorPrimitives.Log(w, logW);
        var terms = logW;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vu = MemoryMarshal.Cast<float, Vector<float>>(u);
            var vw = MemoryMarshal.Cast<float, Vector<float>>(w);
            var vt = MemoryMarshal.Cast<float, Vector<float>>(terms);
            for (var v = 0; v < vu.Length; v++)
            {
                var d = vw[v] - Vector<float>.One;
                var exact = Vector.Equals(d, Vector<float>.Zero);
                // Where w − 1 is 0 the division is not used; dividing by 1 there keeps the lane finite.
                var safe = Vector.ConditionalSelect(exact, Vector<float>.One, d);
                vt[v] = Vector.ConditionalSelect(exact, vu[v], vt[v] * vu[v] / safe);
            }
            i = vu.Length * Vector<float>.Count;
        }
        for (; i < u.Length; i++)
        {
            var d = w[i] - 1f;
            terms[i] = d == 0f ? u[i] : logW[i] * u[i] / d;
        }
        return TensorPrimitives.Sum(terms);
    }

    /// <summary>dst (=|+=) the sum over rows of the rows×cols matrix <paramref name="src"/>.</summary>
    public static void StoreColumnSums(ReadOnlySpan<float> src, int rows, int cols, Span<float> dst, bool accumulate)
    {
        if (!accumulate)
            dst[..cols].Clear();
        for (var r = 0; r < rows; r++)
            TensorPrimitives.Add(dst, src.Slice(r * cols, cols), dst);
    }

    /// <summary>
    /// Replaces y = tanh(x) where |x| &lt; 1/16 by the odd series x − x³/3 + 2x⁵/15 − 17x⁷/315 (truncation below
    /// 1e-11 relative there). TensorPrimitives.Tanh works through exponentials and leaves an absolute error of about
    /// 2⁻²⁴ near 0, which is a large relative error: tanh(1e-9) came out as −6e-8.
    /// </summary>
    public static void TanhNearZero(ReadOnlySpan<float> x, Span<float> y)
    {
        const float limit = 0.0625f, c3 = -1f / 3, c5 = 2f / 15, c7 = -17f / 315;
        var n = x.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            var vlimit = new Vector<float>(limit);
            for (var v = 0; v < vx.Length; v++)
            {
                var small = Vector.LessThan(Vector.Abs(vx[v]), vlimit);
                if (small == Vector<int>.Zero)
                    continue;
                var x2 = vx[v] * vx[v];
                var series = vx[v] + vx[v] * x2 * (new Vector<float>(c3) + x2 * (new Vector<float>(c5) + x2 * c7));
                vy[v] = Vector.ConditionalSelect(small, series, vy[v]);
            }
            i = vx.Length * Vector<float>.Count;
        }
        for (; i < n; i++)
        {
            var xi = x[i];
            if (MathF.Abs(xi) < limit)
            {
                var x2 = xi * xi;
                y[i] = xi + xi * x2 * (c3 + x2 * (c5 + x2 * c7));
            }
        }
    }

    /// <summary>Activation backward from the saved output: dx (=|+=) <typeparamref name="TDerivative"/>(y, dy) elementwise.</summary>
    public static void ActivationBackward<TDerivative>(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, bool accumulate)
        where TDerivative : IOutputDerivative
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            var vdy = MemoryMarshal.Cast<float, Vector<float>>(dy);
            var vdx = MemoryMarshal.Cast<float, Vector<float>>(dx);
            for (var v = 0; v < vy.Length; v++)
            {
                var g = TDerivative.Chain(vy[v], vdy[v]);
                vdx[v] = accumulate ? vdx[v] + g : g;
            }
            i = vy.Length * Vector<float>.Count;
        }
        for (; i < y.Length; i++)
        {
            var g = TDerivative.Chain(y[i], dy[i]);
            dx[i] = accumulate ? dx[i] + g : g;
        }
    }
}
