using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Linalg;

/// <summary>
/// Products of row-major n×n symmetric matrices whose results are known to be symmetric (squares, and products of
/// commuting matrices such as polynomials in one matrix): only the upper triangle is computed, then mirrored, so the
/// result is exactly symmetric and costs about half the flops of a full product.
/// </summary>
internal static class Symmetric
{
    private const int MirrorBlock = 32;

    // Block rows of at most this height: up to this order one full gemm beats several thinner ones; above it the
    // gemms stay large enough to run near peak while skipping most of the lower triangle.
    private const int ProductBlock = 256;

    /// <summary>Copies the upper triangle onto the strict lower one, in tiles so that the column walk stays in cache.</summary>
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
                for (var jb = ib; jb < n; jb += MirrorBlock)
                {
                    var jEnd = System.Math.Min(jb + MirrorBlock, n);
                    for (var i = ib; i < iEnd; i++)
                    {
                        var row = p + (long)i * n;
                        var column = p + i;
                        for (var j = System.Math.Max(jb, i + 1); j < jEnd; j++)
                            column[(long)j * n] = row[j];
                    }
                }
            }
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
