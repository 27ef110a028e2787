using System.Numerics;
using System.Runtime.CompilerServices;
using static ShampooActors.Math.Optim.VectorAccess;

namespace ShampooActors.Math.Optim;

/// <summary>
/// SONew's first pass over a parameter, fused: momentum m ← β₁m + (1 − β₁)g, band statistic d ← β₂d + (1 − β₂)g² and
/// e ← β₂e + (1 − β₂)g_j·g_{j+1} (the first off-diagonal; farther ones via <see cref="UpdateOffDiagonal"/>), the graft's
/// state and the sum of squares of its update D, and the largest diagonal entry (for the damping). Everything stays raw
/// (not bias-corrected): the corrections are scalars that the direction's construction folds in at the end. An Adam graft
/// with SONew's β₁ shares m as its first moment (same float32 operations, one buffer fewer to stream).
/// </summary>
internal readonly struct SoNewStatistics
{
    private readonly float _b1, _omb1, _b2, _omb2;
    private readonly GraftRule _graft;
    private readonly bool _grafting, _shared;

    public SoNewStatistics(double beta1, double beta2, GraftRule graft, bool grafting, bool graftSharesMomentum)
    {
        _b1 = (float)beta1;
        _omb1 = (float)(1 - beta1);
        _b2 = (float)beta2;
        _omb2 = (float)(1 - beta2);
        _graft = graft;
        _grafting = grafting;
        _shared = graftSharesMomentum;
    }

    /// <summary>
    /// Runs the pass over elements lo … hi − 1 of the whole parameter's spans; returns Σ D² (0 without grafting) and max d_j
    /// over them. The last element of <paramref name="e"/> is never written. Every element gets the same float32 operations
    /// whichever range holds it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double GraftSumOfSquares, float MaxDiagonal) Run(ReadOnlySpan<float> g, Span<float> m, Span<float> d, Span<float> e, Span<float> graft0, Span<float> graft1,
        int lo, int hi)
    {
        var n = g.Length;
        var width = Vector<float>.Count;
        Vector<float> b1 = new(_b1), omb1 = new(_omb1), b2 = new(_b2), omb2 = new(_omb2);
        var sumD = Vector<float>.Zero;
        var maxD = Vector<float>.Zero;
        var unused = Vector<float>.Zero;
        var j = lo;
        // The neighbour load reads g[j + 1 .. j + width], so full vectors run while j + width < n.
        for (; j + width <= hi && j + width < n; j += width)
        {
            var gv = Load(g, j);
            var gn = Load(g, j + 1);
            ref var mv = ref At(m, j);
            if (!_shared)
                mv = b1 * mv + omb1 * gv;
            ref var dv = ref At(d, j);
            dv = b2 * dv + omb2 * (gv * gv);
            maxD = Vector.Max(maxD, dv);
            ref var ev = ref At(e, j);
            ev = b2 * ev + omb2 * (gv * gn);
            if (_grafting)
            {
                var dg = Vector<float>.Zero;
                ref var s1 = ref _shared ? ref mv : ref graft1.IsEmpty ? ref unused : ref At(graft1, j);
                _graft.Apply(ref dg, gv, ref graft0.IsEmpty ? ref unused : ref At(graft0, j), ref s1, ref unused);
                sumD += dg * dg;
            }
        }
        var sum = (double)Vector.Sum(sumD);
        var max = MaxLane(maxD);
        // The scalar tail does the same float32 operations per element; the graft runs on a broadcast vector.
        for (; j < hi; j++)
        {
            var gj = g[j];
            if (!_shared)
                m[j] = _b1 * m[j] + _omb1 * gj;
            d[j] = _b2 * d[j] + _omb2 * (gj * gj);
            max = MathF.Max(max, d[j]);
            if (j + 1 < n)
                e[j] = _b2 * e[j] + _omb2 * (gj * g[j + 1]);
            if (_grafting)
            {
                var dg = Vector<float>.Zero;
                var s0 = graft0.IsEmpty ? Vector<float>.Zero : new Vector<float>(graft0[j]);
                var s1 = _shared ? new Vector<float>(m[j]) : graft1.IsEmpty ? Vector<float>.Zero : new Vector<float>(graft1[j]);
                _graft.Apply(ref dg, new Vector<float>(gj), ref s0, ref s1, ref unused);
                if (!graft0.IsEmpty)
                    graft0[j] = s0[0];
                if (_shared)
                    m[j] = s1[0];
                else if (!graft1.IsEmpty)
                    graft1[j] = s1[0];
                sum += dg[0] * dg[0];
            }
        }
        return (sum, max);
    }

    /// <summary>off ← β₂·off + (1 − β₂)·g_j·g_{j+k} for j &lt; n − k; the last k elements of <paramref name="off"/> stay untouched.</summary>
    public void UpdateOffDiagonal(ReadOnlySpan<float> g, Span<float> off, int k)
    {
        var count = g.Length - k;
        var width = Vector<float>.Count;
        Vector<float> b2 = new(_b2), omb2 = new(_omb2);
        var j = 0;
        for (; j + width <= count; j += width)
        {
            ref var ov = ref At(off, j);
            ov = b2 * ov + omb2 * (Load(g, j) * Load(g, j + k));
        }
        for (; j < count; j++)
            off[j] = _b2 * off[j] + _omb2 * (g[j] * g[j + k]);
    }

    /// <summary>
    /// <see cref="UpdateOffDiagonal"/> for k = 2 … 4 in one pass over lo … hi − 1 (<paramref name="off3"/>, <paramref name="off4"/> empty for a
    /// narrower band): the same float32 operations per element.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void UpdateOffDiagonals(ReadOnlySpan<float> g, Span<float> off2, Span<float> off3, Span<float> off4, int lo, int hi)
    {
        var b = off4.IsEmpty ? off3.IsEmpty ? 2 : 3 : 4;
        var n = g.Length;
        var width = Vector<float>.Count;
        Vector<float> b2 = new(_b2), omb2 = new(_omb2);
        var j = lo;
        // Every band is updated while j + b + width ≤ n; the rest band by band.
        for (; j + width <= hi && j + b + width <= n; j += width)
        {
            var gv = Load(g, j);
            ref var o2 = ref At(off2, j);
            o2 = b2 * o2 + omb2 * (gv * Load(g, j + 2));
            if (b > 2)
            {
                ref var o3 = ref At(off3, j);
                o3 = b2 * o3 + omb2 * (gv * Load(g, j + 3));
            }
            if (b > 3)
            {
                ref var o4 = ref At(off4, j);
                o4 = b2 * o4 + omb2 * (gv * Load(g, j + 4));
            }
        }
        for (var k = 2; k <= b; k++)
        {
            var off = k == 2 ? off2 : k == 3 ? off3 : off4;
            for (var i = j; i < System.Math.Min(hi, n - k); i++)
                off[i] = _b2 * off[i] + _omb2 * (g[i] * g[i + k]);
        }
    }

    private static float MaxLane(Vector<float> v)
    {
        var max = 0f;
        for (var i = 0; i < Vector<float>.Count; i++)
            max = MathF.Max(max, v[i]);
        return max;
    }
}
