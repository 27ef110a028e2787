using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ShampooActors.Math.Optim;

/// <summary>The band statistic as SONew keeps it: H_jj in <c>d</c> and H_{j,j+k} at j in <c>off_k</c>, k = 1 … 4 (unused ones empty).</summary>
internal readonly ref struct BandSpans(ReadOnlySpan<float> d, ReadOnlySpan<float> off1, ReadOnlySpan<float> off2, ReadOnlySpan<float> off3, ReadOnlySpan<float> off4)
    : IBand<float>
{
    public readonly ReadOnlySpan<float> D = d, Off1 = off1, Off2 = off2, Off3 = off3, Off4 = off4;

    /// <summary>The diagonal (k = 0) or the k-th off-diagonal.</summary>
    public ReadOnlySpan<float> this[int k] => k switch { 0 => D, 1 => Off1, 2 => Off2, 3 => Off3, _ => Off4 };

    /// <inheritdoc />
    public float At(int offset, int j) => this[offset][j];
}

/// <summary>
/// The banded direction ũ = X·m in float32 for 2 ≤ b ≤ 4 (<see cref="BandedFactor"/> has the math), vectorised across
/// positions: eight consecutive j share the lanes of a Vector256, and S_j's entries H_{j+1+p, j+1+q} are off_{q−p} read at
/// j + 1 + p, so every operand is a contiguous load. Each window is factored as S_j = L·D·Lᵀ (reciprocals, no square
/// roots), b &lt; 4 padded with an identity block (its terms are exact zeros). Lanes whose window is degenerate (a pivot or
/// H_jj not positive, c_j below ε·H_jj, NaN) and windows cut by the end of the chain go through the scalar
/// <see cref="BandedFactor.FactorAt{T, TBand}"/>, which has the edge-drop and shrink rules; so does every window of a chain
/// shorter than b + 8. A window's result depends only on its position (every full window of a longer chain runs the same
/// lane operations, whichever lane and vector it lands in), so any split of [0, n) into ranges gives the same ũ bit for bit.
/// <para>
/// Work goes in chunks of <see cref="Chunk"/> positions through scratch that stays in L1: factor (ψ, 1/c), then
/// w_j = (m_j − Σ_r ψ_{j,r}·m_{j+1+r})/c_j, then ũ_i = w_i − Σ_r ψ_{i−1−r,r}·w_{i−1−r}, the last from a halo of the
/// previous chunk's 8 positions (a range that starts at lo &gt; 0 first factors lo − 8 … lo − 1 for it).
/// </para>
/// </summary>
internal static class BandedDirection
{
    /// <summary>The widest band this kernel handles.</summary>
    public const int MaxBand = 4;

    private const int Chunk = 512;
    private const int Halo = 8;
    private const int Row = Halo + Chunk;
    private const int Lanes = 8;

    /// <summary>The machine epsilon of float32, 2⁻²³: the floor of c_j relative to H_jj (as in <see cref="BandedFactor"/>).</summary>
    private const float Epsilon = 1.1920929E-07f;

    /// <summary>Scratch length one <see cref="Run"/> needs.</summary>
    public static int ScratchLength => 6 * Row + BandedFactor.WorkLength(MaxBand) + MaxBand;

    /// <summary>Writes ũ_i for lo ≤ i &lt; hi into <paramref name="u"/> (the whole chain's span) and returns Σ ũ_i² over them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Run(BandSpans band, int b, float damping, ReadOnlySpan<float> m, Span<float> u, int lo, int hi, Span<float> scratch) => b switch
    {
        2 => Run<Width2>(band, damping, m, u, lo, hi, scratch),
        3 => Run<Width3>(band, damping, m, u, lo, hi, scratch),
        4 => Run<Width4>(band, damping, m, u, lo, hi, scratch),
        _ => throw new ArgumentOutOfRangeException(nameof(b), b, "the vectorised banded direction handles 2 ≤ b ≤ 4"),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Run<TWidth>(BandSpans band, float damping, ReadOnlySpan<float> m, Span<float> u, int lo, int hi, Span<float> scratch)
        where TWidth : struct, IWidth
    {
        var b = TWidth.B;
        var n = m.Length;
        var psi = scratch[..(4 * Row)];
        var invC = scratch.Slice(4 * Row, Row);
        var w = scratch.Slice(5 * Row, Row);
        var work = scratch[(6 * Row)..];
        for (var r = 0; r < b; r++)
            psi.Slice(r * Row, Halo).Clear();
        w[..Halo].Clear();
        var start = System.Math.Max(0, lo - Halo);
        var sum = 0.0;
        for (var c0 = start; c0 < hi; c0 += Chunk)
        {
            if (c0 > start)
            {
                // The previous chunk was full: its last Halo positions become this chunk's halo.
                for (var r = 0; r < b; r++)
                    psi.Slice(r * Row + Chunk, Halo).CopyTo(psi.Slice(r * Row, Halo));
                w.Slice(Chunk, Halo).CopyTo(w);
            }
            var c1 = System.Math.Min(hi, c0 + Chunk);
            FactorChunk<TWidth>(in band, n, damping, c0, c1, psi, invC, work);
            ScaleChunk<TWidth>(m, c0, c1, psi, invC, w);
            sum += ApplyChunk<TWidth>(c0, System.Math.Max(lo, c0), c1, psi, w, u);
        }
        return sum;
    }

    /// <summary>ψ and 1/c for positions c0 … c1 − 1 into the scratch rows (position j at Halo + j − c0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FactorChunk<TWidth>(in BandSpans band, int n, float damping, int c0, int c1, Span<float> psi, Span<float> invC, Span<float> work)
        where TWidth : struct, IWidth
    {
        var b = TWidth.B;
        var delta = Vector256.Create(damping);
        var refs = new BandRefs(band);
        ref var p0 = ref MemoryMarshal.GetReference(psi);
        ref var ic = ref MemoryMarshal.GetReference(invC);
        var j = c0;
        // A vector at j reads up to H_{j+7+b, j+7+b}: full vectors run while j + b + 7 ≤ n − 1.
        for (; j + Lanes <= c1 && j + b + Lanes <= n; j += Lanes)
            Block<TWidth>(in refs, in band, n, damping, j, Halo + j - c0, delta, ref p0, ref ic, psi, invC, work);
        // Full windows left (fewer than eight): the vector ending at the last of them (or starting at 0), which may overlap
        // positions done already, the halo or the next chunk's with the values they get anyway; past the end of the chain
        // (or on a chain too short for one vector), the scalar rule.
        var full = System.Math.Min(c1, n - b);
        if (j < full && n - b >= Lanes)
        {
            var first = System.Math.Max(0, full - Lanes);
            Block<TWidth>(in refs, in band, n, damping, first, Halo + first - c0, delta, ref p0, ref ic, psi, invC, work);
            j = full;
        }
        for (; j < c1; j++)
            Scalar(in band, n, b, damping, j, Halo + j - c0, psi, invC, work);
    }

    /// <summary>
    /// ψ_j and 1/c_j of the eight windows at j … j + 7 from S_j = L·D·Lᵀ into the scratch rows at <paramref name="at"/>;
    /// lanes whose window is not regular (a pivot or H_jj not positive, c_j below ε·H_jj) by the scalar rule.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<TWidth>(in BandRefs h, in BandSpans band, int n, float damping, int j, int at, Vector256<float> delta,
        ref float p0, ref float ic, Span<float> psi, Span<float> invC, Span<float> work)
        where TWidth : struct, IWidth
    {
        var b = TWidth.B;
        var one = Vector256<float>.One;
        var zero = Vector256<float>.Zero;
        var hjj = h.Load(0, j) + delta;
        var s0 = h.Load(1, j);
        var s1 = b > 1 ? h.Load(2, j) : zero;
        var s2 = b > 2 ? h.Load(3, j) : zero;
        var s3 = b > 3 ? h.Load(4, j) : zero;
        // S_rq = H_{j+1+r, j+1+q} = off_{r−q} at j + 1 + q; past b an identity block.
        var a00 = h.Load(0, j + 1) + delta;
        var a10 = b > 1 ? h.Load(1, j + 1) : zero;
        var a11 = b > 1 ? h.Load(0, j + 2) + delta : one;
        var a20 = b > 2 ? h.Load(2, j + 1) : zero;
        var a21 = b > 2 ? h.Load(1, j + 2) : zero;
        var a22 = b > 2 ? h.Load(0, j + 3) + delta : one;
        var a30 = b > 3 ? h.Load(3, j + 1) : zero;
        var a31 = b > 3 ? h.Load(2, j + 2) : zero;
        var a32 = b > 3 ? h.Load(1, j + 3) : zero;
        var a33 = b > 3 ? h.Load(0, j + 4) + delta : one;

        // L·D·Lᵀ: e_rq = L_rq·d_q, L_rq = e_rq/d_q, d_r = a_rr − Σ_t e_rt·L_rt.
        var d0 = a00;
        var i0 = one / d0;
        var l10 = a10 * i0;
        var d1 = a11 - l10 * a10;
        var i1 = one / d1;
        var l20 = a20 * i0;
        var e21 = a21 - l20 * a10;
        var l21 = e21 * i1;
        var d2 = a22 - l20 * a20 - l21 * e21;
        var i2 = one / d2;
        var l30 = a30 * i0;
        var e31 = a31 - l30 * a10;
        var l31 = e31 * i1;
        var e32 = a32 - l30 * a20 - l31 * e21;
        var l32 = e32 * i2;
        var d3 = a33 - l30 * a30 - l31 * e31 - l32 * e32;
        var i3 = one / d3;

        // y = L⁻¹s, t = D⁻¹y, c = H_jj − yᵀt, ψ = L⁻ᵀt.
        var y0 = s0;
        var y1 = s1 - l10 * y0;
        var y2 = s2 - l20 * y0 - l21 * y1;
        var y3 = s3 - l30 * y0 - l31 * y1 - l32 * y2;
        var t0 = y0 * i0;
        var t1 = y1 * i1;
        var t2 = y2 * i2;
        var t3 = y3 * i3;
        var c = hjj - y0 * t0 - y1 * t1 - y2 * t2 - y3 * t3;
        var x3 = t3;
        var x2 = t2 - l32 * x3;
        var x1 = t1 - l21 * x2 - l31 * x3;
        var x0 = t0 - l10 * x1 - l20 * x2 - l30 * x3;
        var inv = one / c;

        var floor = Vector256.Create(Epsilon) * hjj;
        var good = Vector256.GreaterThan(hjj, zero) & Vector256.GreaterThanOrEqual(c, floor) & Vector256.GreaterThan(d0, zero);
        if (b > 1)
            good &= Vector256.GreaterThan(d1, zero);
        if (b > 2)
            good &= Vector256.GreaterThan(d2, zero);
        if (b > 3)
            good &= Vector256.GreaterThan(d3, zero);
        var to = (nuint)at;
        x0.StoreUnsafe(ref p0, to);
        if (b > 1)
            x1.StoreUnsafe(ref p0, to + Row);
        if (b > 2)
            x2.StoreUnsafe(ref p0, to + 2 * Row);
        if (b > 3)
            x3.StoreUnsafe(ref p0, to + 3 * Row);
        inv.StoreUnsafe(ref ic, to);
        var bad = ~good.ExtractMostSignificantBits() & 0xFFu;
        while (bad != 0)
        {
            var lane = System.Numerics.BitOperations.TrailingZeroCount(bad);
            bad &= bad - 1;
            Scalar(in band, n, b, damping, j + lane, at + lane, psi, invC, work);
        }
    }

    /// <summary>The scalar factor of position <paramref name="j"/> (degenerate or cut windows), scattered into the scratch rows at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Scalar(in BandSpans band, int n, int b, float damping, int j, int at, Span<float> psi, Span<float> invC, Span<float> work)
    {
        var row = work.Slice(BandedFactor.WorkLength(b), b);
        invC[at] = BandedFactor.FactorAt(band, n, b, damping, j, row, work);
        for (var r = 0; r < b; r++)
            psi[r * Row + at] = row[r];
    }

    /// <summary>w_j = (m_j − Σ_r ψ_{j,r}·m_{j+1+r})·(1/c_j) for positions c0 … c1 − 1 (terms past the end of the chain are left out; their ψ is 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleChunk<TWidth>(ReadOnlySpan<float> m, int c0, int c1, Span<float> psi, Span<float> invC, Span<float> w)
        where TWidth : struct, IWidth
    {
        var b = TWidth.B;
        var n = m.Length;
        ref var mm = ref MemoryMarshal.GetReference(m);
        ref var p0 = ref MemoryMarshal.GetReference(psi);
        ref var ic = ref MemoryMarshal.GetReference(invC);
        ref var ww = ref MemoryMarshal.GetReference(w);
        var j = c0;
        for (; j + Lanes <= c1 && j + b + Lanes <= n; j += Lanes)
        {
            var at = (nuint)(Halo + j - c0);
            var z = Vector256.LoadUnsafe(ref mm, (nuint)j);
            z -= Vector256.LoadUnsafe(ref p0, at) * Vector256.LoadUnsafe(ref mm, (nuint)j + 1);
            if (b > 1)
                z -= Vector256.LoadUnsafe(ref p0, at + Row) * Vector256.LoadUnsafe(ref mm, (nuint)j + 2);
            if (b > 2)
                z -= Vector256.LoadUnsafe(ref p0, at + 2 * Row) * Vector256.LoadUnsafe(ref mm, (nuint)j + 3);
            if (b > 3)
                z -= Vector256.LoadUnsafe(ref p0, at + 3 * Row) * Vector256.LoadUnsafe(ref mm, (nuint)j + 4);
            (z * Vector256.LoadUnsafe(ref ic, at)).StoreUnsafe(ref ww, at);
        }
        for (; j < c1; j++)
        {
            var at = Halo + j - c0;
            var z = m[j];
            var k = System.Math.Min(b, n - 1 - j);
            for (var r = 0; r < k; r++)
                z -= psi[r * Row + at] * m[j + 1 + r];
            w[at] = z * invC[at];
        }
    }

    /// <summary>ũ_i = w_i − Σ_r ψ_{i−1−r,r}·w_{i−1−r} for positions a … c1 − 1 of the chunk at c0; returns Σ ũ_i².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ApplyChunk<TWidth>(int c0, int a, int c1, Span<float> psi, Span<float> w, Span<float> u)
        where TWidth : struct, IWidth
    {
        var b = TWidth.B;
        ref var p0 = ref MemoryMarshal.GetReference(psi);
        ref var ww = ref MemoryMarshal.GetReference(w);
        ref var uu = ref MemoryMarshal.GetReference(u);
        var squares = Vector256<float>.Zero;
        var i = a;
        for (; i + Lanes <= c1; i += Lanes)
        {
            var at = (nuint)(Halo + i - c0);
            var x = Vector256.LoadUnsafe(ref ww, at);
            x -= Vector256.LoadUnsafe(ref p0, at - 1) * Vector256.LoadUnsafe(ref ww, at - 1);
            if (b > 1)
                x -= Vector256.LoadUnsafe(ref p0, at + Row - 2) * Vector256.LoadUnsafe(ref ww, at - 2);
            if (b > 2)
                x -= Vector256.LoadUnsafe(ref p0, at + 2 * Row - 3) * Vector256.LoadUnsafe(ref ww, at - 3);
            if (b > 3)
                x -= Vector256.LoadUnsafe(ref p0, at + 3 * Row - 4) * Vector256.LoadUnsafe(ref ww, at - 4);
            x.StoreUnsafe(ref uu, (nuint)i);
            squares += x * x;
        }
        var sum = (double)Vector256.Sum(squares);
        for (; i < c1; i++)
        {
            var at = Halo + i - c0;
            var x = w[at];
            for (var r = 0; r < b; r++)
                x -= psi[r * Row + at - 1 - r] * w[at - 1 - r];
            u[i] = x;
            sum += x * x;
        }
        return sum;
    }

    /// <summary>The band width as a type, so each width's kernel is compiled with its constant.</summary>
    private interface IWidth
    {
        static abstract int B { get; }
    }

    private struct Width2 : IWidth
    {
        public static int B => 2;
    }

    private struct Width3 : IWidth
    {
        public static int B => 3;
    }

    private struct Width4 : IWidth
    {
        public static int B => 4;
    }

    /// <summary>The bands' first elements, for eight-lane loads from any position.</summary>
    private readonly ref struct BandRefs(in BandSpans band)
    {
        private readonly ref readonly float _d = ref MemoryMarshal.GetReference(band.D);
        private readonly ref readonly float _o1 = ref MemoryMarshal.GetReference(band.Off1);
        private readonly ref readonly float _o2 = ref MemoryMarshal.GetReference(band.Off2);
        private readonly ref readonly float _o3 = ref MemoryMarshal.GetReference(band.Off3);
        private readonly ref readonly float _o4 = ref MemoryMarshal.GetReference(band.Off4);

        /// <summary>Band k (0: the diagonal) at index … index + 7.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Load(int k, int index) => k switch
        {
            0 => Vector256.LoadUnsafe(in _d, (nuint)index),
            1 => Vector256.LoadUnsafe(in _o1, (nuint)index),
            2 => Vector256.LoadUnsafe(in _o2, (nuint)index),
            3 => Vector256.LoadUnsafe(in _o3, (nuint)index),
            _ => Vector256.LoadUnsafe(in _o4, (nuint)index),
        };
    }
}
