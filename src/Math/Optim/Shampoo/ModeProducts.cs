using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Optim;

/// <summary>
/// Mode-i Gram matrices and mode-i products of a block seen as A slices of a di×B matrix (the mode-i unfolding), in
/// float32 through sgemm. A slice starts every <c>sliceStride</c> elements and its rows are <c>ld</c> apart; when B = 1 the
/// block is read instead as one A×di matrix with rows <c>ld</c> apart, so a last mode costs one GEMM, not A.
/// </summary>
internal static class ModeProducts
{
    /// <summary>
    /// H ← w₁·H + w₂·Σ_a S_a·S_aᵀ, H di×di, over the mode-i unfolding of the block at <paramref name="start"/>. Only the
    /// upper triangle of H is kept (syrk: half a GEMM's work); readers take the symmetric matrix from it.
    /// </summary>
    public static void AccumulateGram(ReadOnlySpan<float> source, int start, ModeShape mode, int sliceStride, int ld,
        Span<float> gram, float w1, float w2)
    {
        var di = mode.Di;
        if (mode.B == 1)
        {
            Blas.Ssyrk(true, di, mode.A, w2, source[start..], ld, w1, gram, di);
            return;
        }
        for (var a = 0; a < mode.A; a++)
        {
            var slice = source[(start + a * sliceStride)..];
            Blas.Ssyrk(false, di, mode.B, w2, slice, ld, a == 0 ? w1 : 1f, gram, di);
        }
    }

    /// <summary>Destination ← the block multiplied along mode i by the symmetric di×di <paramref name="factor"/>.</summary>
    public static void Multiply(ReadOnlySpan<float> factor, ModeShape mode,
        ReadOnlySpan<float> source, int sourceStart, int sourceSliceStride, int sourceLd,
        Span<float> destination, int destinationStart, int destinationSliceStride, int destinationLd)
    {
        var di = mode.Di;
        if (mode.B == 1)
        {
            // Rows of the A×di matrix times the factor; it is symmetric, so no transpose is needed.
            Blas.Sgemm(false, false, mode.A, di, di, 1f, source[sourceStart..], sourceLd, factor, di, 0f, destination[destinationStart..], destinationLd);
            return;
        }
        for (var a = 0; a < mode.A; a++)
        {
            Blas.Sgemm(false, false, di, mode.B, di, 1f, factor, di,
                source[(sourceStart + a * sourceSliceStride)..], sourceLd, 0f,
                destination[(destinationStart + a * destinationSliceStride)..], destinationLd);
        }
    }
}

/// <summary>The mode-i unfolding of a block as A slices of a Di×B matrix.</summary>
/// <param name="A">The product of the dims before mode i.</param>
/// <param name="Di">The size of mode i.</param>
/// <param name="B">The product of the dims after mode i.</param>
internal readonly record struct ModeShape(int A, int Di, int B)
{
    /// <summary>Mode <paramref name="mode"/> of a block with <paramref name="extent"/>.</summary>
    public static ModeShape Of(ReadOnlySpan<int> extent, int mode)
    {
        int a = 1, b = 1;
        for (var d = 0; d < mode; d++)
            a *= extent[d];
        for (var d = mode + 1; d < extent.Length; d++)
            b *= extent[d];
        return new ModeShape(a, extent[mode], b);
    }

    /// <summary>The leading dimension of a contiguous block's unfolding: B, or Di when the block is read as A×Di.</summary>
    public int ContiguousLd => B == 1 ? Di : B;

    /// <summary>The distance between slices of a contiguous block.</summary>
    public int ContiguousSliceStride => Di * B;
}
