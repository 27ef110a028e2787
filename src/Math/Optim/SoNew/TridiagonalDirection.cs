using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ShampooActors.Math.Optim;

/// <summary>
/// The tridiagonal direction ũ = X·m in float32 over whole spans without forming X (<see cref="TridiagonalFactor"/> has
/// the math), in one pass: per element ψ_j and w_j = (m_j − ψ_j·m_{j+1})/c_j, then u_j = w_j − ψ_{j−1}·w_{j−1} from the
/// previous lanes held in registers, so ψ and w never go to memory. The statistic is raw; the caller scales ũ by the
/// bias corrections. Where 256-bit vectors are not accelerated the scalar loop does every element.
/// </summary>
internal static class TridiagonalDirection
{
    /// <summary>
    /// Writes ũ_j for lo ≤ j &lt; hi into <paramref name="u"/> (the whole chain's span) and returns Σ ũ_j² over them; a range
    /// that starts past 0 first computes ψ and w of the element before it. Every element gets the same float32 operations
    /// whichever range holds it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Run(ReadOnlySpan<float> d, ReadOnlySpan<float> e, ReadOnlySpan<float> m, float damping, Span<float> u, int lo, int hi)
    {
        var n = m.Length;
        var j = lo;
        float psiPrevious = 0, wPrevious = 0;
        if (lo > 0)
            Element(d, e, m, damping, lo - 1, out psiPrevious, out wPrevious);
        var sum = 0.0;
        if (Vector256.IsHardwareAccelerated)
        {
            var delta = Vector256.Create(damping);
            var squares = Vector256<float>.Zero;
            Vector256<float> psiLanes = Vector256.Create(psiPrevious), wLanes = Vector256.Create(wPrevious);
            // The neighbour loads read [j + 1, j + 8], so full vectors run while j + 8 < n.
            for (; j + Vector256<float>.Count <= hi && j + Vector256<float>.Count < n; j += Vector256<float>.Count)
            {
                var dv = Vector256.LoadUnsafe(in d[j]) + delta;
                var ev = Vector256.LoadUnsafe(in e[j]);
                var p = ev / (Vector256.LoadUnsafe(in d[j + 1]) + delta);
                var c = dv - ev * p;
                var keep = Vector256.GreaterThan(c, Vector256<float>.Zero);
                p = Vector256.ConditionalSelect(keep, p, Vector256<float>.Zero);
                c = Vector256.ConditionalSelect(keep, c, dv);
                var z = Vector256.LoadUnsafe(in m[j]) - p * Vector256.LoadUnsafe(in m[j + 1]);
                var w = Vector256.ConditionalSelect(Vector256.GreaterThan(c, Vector256<float>.Zero), z / c, Vector256<float>.Zero);
                var uv = w - ShiftIn(psiLanes, p) * ShiftIn(wLanes, w);
                uv.StoreUnsafe(ref u[j]);
                squares += uv * uv;
                (psiLanes, wLanes) = (p, w);
            }
            sum = Vector256.Sum(squares);
            (psiPrevious, wPrevious) = (psiLanes[Vector256<float>.Count - 1], wLanes[Vector256<float>.Count - 1]);
        }
        for (; j < hi; j++)
        {
            Element(d, e, m, damping, j, out var p, out var w);
            u[j] = w - psiPrevious * wPrevious;
            sum += u[j] * u[j];
            (psiPrevious, wPrevious) = (p, w);
        }
        return sum;
    }

    /// <summary>ψ_j and w_j of one element, with the vector loop's float32 operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Element(ReadOnlySpan<float> d, ReadOnlySpan<float> e, ReadOnlySpan<float> m, float damping, int j, out float p, out float w)
    {
        var n = m.Length;
        float c;
        if (j + 1 < n)
            TridiagonalFactor.Edge(d[j] + damping, e[j], d[j + 1] + damping, out p, out c);
        else
            (p, c) = (0f, d[j] + damping);
        var z = j + 1 < n ? m[j] - p * m[j + 1] : m[j];
        w = c > 0 ? z / c : 0f;
    }

    /// <summary>The lanes one element earlier: [previous₇, current₀, …, current₆].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ShiftIn(Vector256<float> previous, Vector256<float> current)
    {
        var rotate = Vector256.Create(7, 0, 1, 2, 3, 4, 5, 6);
        var first = Vector256.Create(-1, 0, 0, 0, 0, 0, 0, 0).AsSingle();
        return Vector256.ConditionalSelect(first, Vector256.Shuffle(previous, rotate), Vector256.Shuffle(current, rotate));
    }
}
