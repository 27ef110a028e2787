using System.Numerics;
using System.Runtime.InteropServices;

namespace ShampooActors.Math.Optim;

/// <summary>‖a − b‖² with each difference rounded to float32 (as the update forms it) and squared and summed in float64.</summary>
internal static class SquaredDistance
{
    /// <summary>The sum over elements of (a − b)²; the spans must have the same length.</summary>
    public static double Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("a distance needs two spans of the same length");
        var width = Vector<float>.Count;
        var full = a.Length - a.Length % width;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a[..full]);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..full]);
        var acc = Vector<double>.Zero;
        for (var k = 0; k < va.Length; k++)
        {
            Vector.Widen(va[k] - vb[k], out var low, out var high);
            acc += low * low + high * high;
        }
        var sum = Vector.Sum(acc);
        for (var i = full; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
