using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>Statistics snapshots with diagonal factors, whose inverse roots are known by hand.</summary>
internal static class DiagonalSnapshots
{
    /// <summary>
    /// Block <paramref name="block"/> at <paramref name="version"/> with two factors: diag(4, 9) for p = 2, whose root is
    /// diag(1/2, 1/3), and diag(1, 16, 81) for p = 4, whose root is diag(1, 1/2, 1/3), both up to the ridge (1e-6·λ_max).
    /// </summary>
    public static StatisticsSnapshot TwoFactors(int block = 0, long version = 10) =>
        new(block, version, [Diagonal(2, 4, 9), Diagonal(4, 1, 16, 81)], new RootOptions());

    private static FactorStatistics Diagonal(int exponent, params double[] diagonal)
    {
        var n = diagonal.Length;
        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
            matrix[i * n + i] = diagonal[i];
        return new FactorStatistics(n, exponent, matrix);
    }
}
