using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Linalg;

/// <summary>max|M − I| of a row-major n×n matrix, the error measure of every root (NaN when any entry is NaN).</summary>
internal static class IdentityDeviation
{
    /// <summary>max|M − I| over all entries, or over the upper triangle only when M is known to be symmetric.</summary>
    // Runs only a few times per root, over n² elements: compiled optimised at once rather than as slow tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Max(ReadOnlySpan<double> m, int n, bool upperOnly)
    {
        var max = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = m.Slice(i * n, n);
            max = Larger(max, System.Math.Abs(row[i] - 1));
            if (!upperOnly)
                max = Larger(max, MaxAbs(row[..i]));
            max = Larger(max, MaxAbs(row[(i + 1)..]));
        }
        return max;
    }

    /// <summary>The residual max|B·A − I|, with the product formed in <paramref name="product"/>.</summary>
    public static double OfProduct(ReadOnlySpan<double> b, ReadOnlySpan<double> a, Span<double> product, int n)
    {
        // B·A is not symmetric in floating point even when B is a function of A; its asymmetry is part of the error.
        Blas.Dgemm(false, false, n, n, n, 1.0, b, n, a, n, 0.0, product, n);
        return Max(product, n, upperOnly: false);
    }

    /// <summary>max|x|: NaN if any x is NaN, +∞ if any is infinite (and none is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        var width = Vector<double>.Count;
        var max = Vector<double>.Zero;
        // v − v is 0 for finite v and NaN otherwise; the hardware max would silently drop a NaN.
        var finite = Vector<double>.Zero;
        var k = 0;
        for (; k + width <= x.Length; k += width)
        {
            var v = new Vector<double>(x[k..]);
            max = Vector.Max(max, Vector.Abs(v));
            finite += v - v;
        }
        var result = 0.0;
        for (var lane = 0; lane < width; lane++)
            result = System.Math.Max(result, max[lane]);
        var tail = 0.0;
        for (; k < x.Length; k++)
        {
            result = System.Math.Max(result, System.Math.Abs(x[k]));
            tail += x[k] - x[k];
        }
        if (Vector.Sum(finite) + tail == 0)
            return result;
        foreach (var v in x)
        {
            if (double.IsNaN(v))
                return double.NaN;
        }
        return double.PositiveInfinity;
    }

    // NaN wins so that a broken root can never pass as accurate.
    private static double Larger(double max, double value) =>
        double.IsNaN(max) || double.IsNaN(value) ? double.NaN : System.Math.Max(max, value);
}
