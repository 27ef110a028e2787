using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Optim;

/// <summary>The pure function from a statistics snapshot to its block's roots, shared by inline and external computation.</summary>
public static class ShampooRoots
{
    /// <summary>
    /// Computes every factor's inverse root of <paramref name="snapshot"/>; a factor whose statistic holds NaN or an
    /// infinity comes back rejected (null root) with NaN residual, as does one that fails the acceptance rule.
    /// </summary>
    public static BlockRoots Compute(StatisticsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var results = new InverseRoot[snapshot.Factors.Count];
        for (var f = 0; f < results.Length; f++)
        {
            var factor = snapshot.Factors[f];
            try
            {
                results[f] = InversePthRoot.Compute(factor.Matrix, factor.Size, factor.Exponent, snapshot.Roots);
            }
            catch (NonFiniteMatrixException)
            {
                results[f] = new InverseRoot(null, new RootDiagnostics(snapshot.Roots.Method, double.NaN, 0, double.NaN, double.NaN, 0, false, 0));
            }
        }
        return new BlockRoots(snapshot.BlockId, snapshot.Version, results);
    }
}
