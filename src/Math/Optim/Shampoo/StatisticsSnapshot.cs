using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Optim;

/// <summary>
/// A copy of one block's factor statistics at one step, in float64: what a root computation needs, and all it needs,
/// so it can run anywhere (inline, on another thread, on another host).
/// </summary>
/// <param name="BlockId">The block, as numbered by <see cref="Shampoo.Blocks"/>.</param>
/// <param name="Version">The step the statistics were taken at; the roots computed from them carry it.</param>
/// <param name="Factors">The block's factors, in order.</param>
/// <param name="Roots">How the roots are to be computed and accepted.</param>
public sealed record StatisticsSnapshot(int BlockId, long Version, IReadOnlyList<FactorStatistics> Factors, RootOptions Roots)
{
    /// <summary>
    /// How much the statistics moved since <paramref name="previous"/>: the largest over factors of ‖H − H_prev‖_F / ‖H_prev‖_F
    /// (float64); +∞ when <paramref name="previous"/> is null or a factor's H_prev is 0 while its H is not, 0 for a factor
    /// that is 0 in both, NaN when a statistic holds NaN. Throws <see cref="ArgumentException"/> for another block's snapshot
    /// or other factor sizes.
    /// </summary>
    public double RelativeChange(StatisticsSnapshot? previous)
    {
        if (previous is null)
            return double.PositiveInfinity;
        if (previous.BlockId != BlockId)
            throw new ArgumentException($"the previous snapshot is of block {previous.BlockId}, this one of block {BlockId}", nameof(previous));
        if (previous.Factors.Count != Factors.Count)
            throw new ArgumentException($"the previous snapshot of block {BlockId} has {previous.Factors.Count} factors, this one {Factors.Count}", nameof(previous));
        double largest = 0;
        for (var f = 0; f < Factors.Count; f++)
        {
            var (now, before) = (Factors[f], previous.Factors[f]);
            if (now.Size != before.Size || now.Matrix.Length != before.Matrix.Length || now.Matrix.Length != now.Size * now.Size)
                throw new ArgumentException($"factor {f} of block {BlockId} is {before.Size}×{before.Size} ({before.Matrix.Length} values) in the previous snapshot, {now.Size}×{now.Size} ({now.Matrix.Length} values) in this one", nameof(previous));
            // Math.Max propagates NaN.
            largest = System.Math.Max(largest, Change(now.Matrix, before.Matrix));
        }
        return largest;
    }

    /// <summary>‖h − previous‖_F / ‖previous‖_F with the zero cases of <see cref="RelativeChange"/>.</summary>
    private static double Change(double[] h, double[] previous)
    {
        double difference = 0, reference = 0;
        for (var k = 0; k < h.Length; k++)
        {
            var d = h[k] - previous[k];
            difference += d * d;
            reference += previous[k] * previous[k];
        }
        if (reference == 0 && !double.IsNaN(difference))
            return difference == 0 ? 0 : double.PositiveInfinity;
        return System.Math.Sqrt(difference) / System.Math.Sqrt(reference);
    }
}

/// <summary>One Kronecker factor's statistic H (row-major n×n, float64, bias correction applied) and the p of its root.</summary>
/// <param name="Size">n.</param>
/// <param name="Exponent">p of the inverse p-th root.</param>
/// <param name="Matrix">H, n×n row-major.</param>
public sealed record FactorStatistics(int Size, int Exponent, double[] Matrix);
