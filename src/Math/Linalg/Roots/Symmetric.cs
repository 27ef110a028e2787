using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ShampooActors.Math.Linalg;

/// <summary>
/// Products of row-major n×n symmetric matrices whose results are known to be symmetric (squares, and products of
/// commuting matrices such as polynomials in one matrix): only the upper triangle is computed, then mirrored, so the
/// result is exactly symmetric and costs about half the flops of a full product.
/// </summary>
internal static class Symmetric
{
    private const int MirrorBlock = 32;

    // Block rows of at most this height. Thinner rows skip more of the lower triangle but make smaller gemms; on two
    // cores 128 beat 256 and 512 at n = 512 and 1024 (0.63 of a full dgemm's time at n = 1024, against 0.69 and 0.77).
    private const int ProductBlock = 128;

    /// <summary>Copies the upper triangle onto the strict lower one, tile by tile so that the column walk stays in cache.</summary>
    // Runs only a few times per root, over n² elements: compiled optimised at once rather than as slow tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void MirrorUpper(Span<double> a, int n)
    {
        if (a.Length < n * n)
            throw new ArgumentException($"mirror: the matrix holds {a.Length} elements, needs {n}×{n}", nameof(a));
        fixed (double* p = a)
        {
            for (var ib = 0; ib < n; ib += MirrorBlock)
            {
                var iEnd = System.Math.Min(ib + MirrorBlock, n);
                MirrorScalar(p, n, ib, iEnd, ib, iEnd);
                for (var jb = ib + MirrorBlock; jb < n; jb += MirrorBlock)
                    MirrorTile(p, n, ib, iEnd, jb, System.Math.Min(jb + MirrorBlock, n));
            }
        }
    }

    /// <summary>An off-diagonal tile: 4×4 blocks transposed in registers, so each store writes 4 contiguous values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MirrorTile(double* p, int n, int i0, int i1, int j0, int j1)
    {
        if (!Avx.IsSupported)
        {
            MirrorScalar(p, n, i0, i1, j0, j1);
            return;
        }
        var i = i0;
        for (; i + 4 <= i1; i += 4)
        {
            var j = j0;
            for (; j + 4 <= j1; j += 4)
            {
                var r0 = Avx.LoadVector256(p + (long)i * n + j);
                var r1 = Avx.LoadVector256(p + (long)(i + 1) * n + j);
                var r2 = Avx.LoadVector256(p + (long)(i + 2) * n + j);
                var r3 = Avx.LoadVector256(p + (long)(i + 3) * n + j);
                var t0 = Avx.UnpackLow(r0, r1);
                var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3);
                var t3 = Avx.UnpackHigh(r2, r3);
                Avx.Store(p + (long)j * n + i, Avx.Permute2x128(t0, t2, 0x20));
                Avx.Store(p + (long)(j + 1) * n + i, Avx.Permute2x128(t1, t3, 0x20));
                Avx.Store(p + (long)(j + 2) * n + i, Avx.Permute2x128(t0, t2, 0x31));
                Avx.Store(p + (long)(j + 3) * n + i, Avx.Permute2x128(t1, t3, 0x31));
            }
            MirrorScalar(p, n, i, i + 4, j, j1);
        }
        MirrorScalar(p, n, i, i1, j0, j1);
    }

    /// <summary>Copies a[i, j] to a[j, i] for i in [i0, i1), j in [j0, j1) with j &gt; i.</summary>
    private static unsafe void MirrorScalar(double* p, int n, int i0, int i1, int j0, int j1)
    {
        for (var i = i0; i < i1; i++)
        {
            var row = p + (long)i * n;
            var column = p + i;
            for (var j = System.Math.Max(j0, i + 1); j < j1; j++)
                column[(long)j * n] = row[j];
        }
    }

    /// <summary>c ← a·a for a symmetric <paramref name="a"/> (dsyrk of a·aᵀ); c must not overlap a.</summary>
    public static void Square(ReadOnlySpan<double> a, Span<double> c, int n)
    {
        Blas.Dsyrk(false, n, n, 1.0, a, n, 0.0, c, n);
        MirrorUpper(c, n);
    }

    /// <summary>c ← a·b where a·b is symmetric (a and b symmetric and commuting); c must overlap neither.</summary>
    public static void Product(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        var blocks = (n + ProductBlock - 1) / ProductBlock;
        var height = (n + blocks - 1) / blocks;
        for (var r0 = 0; r0 < n; r0 += height)
        {
            var rows = System.Math.Min(height, n - r0);
            Blas.Dgemm(false, false, rows, n - r0, n, 1.0, a[(r0 * n)..], n, b[r0..], n, 0.0, c[(r0 * n + r0)..], n);
        }
        MirrorUpper(c, n);
    }

    /// <summary>
    /// aᵖ (p ≥ 1) by binary powering with squares through dsyrk. Returns the index of the workspace buffer that holds
    /// the result, or −1 when p = 1 (the result is <paramref name="a"/> itself). Uses only the buffers in
    /// <paramref name="scratch"/> (three suffice for any p).
    /// </summary>
    public static int Power(ReadOnlySpan<double> a, int p, int n, RootWorkspace work, ReadOnlySpan<int> scratch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 1);
        var result = -2;
        var basis = -1;
        while (true)
        {
            if ((p & 1) != 0)
            {
                if (result == -2)
                {
                    result = basis;
                }
                else
                {
                    var into = Free(scratch, result, basis);
                    Product(Of(a, work, result), Of(a, work, basis), work[into], n);
                    result = into;
                }
            }
            p >>= 1;
            if (p == 0)
                return result;
            var square = Free(scratch, result, basis);
            Square(Of(a, work, basis), work[square], n);
            basis = square;
        }
    }

    private static ReadOnlySpan<double> Of(ReadOnlySpan<double> a, RootWorkspace work, int index) =>
        index == -1 ? a : work[index];

    private static int Free(ReadOnlySpan<int> scratch, int busy1, int busy2)
    {
        foreach (var index in scratch)
        {
            if (index != busy1 && index != busy2)
                return index;
        }
        throw new InvalidOperationException("matrix power needs three scratch buffers");
    }
}
