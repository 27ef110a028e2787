namespace ShampooActors.Actors.Tests.Cluster.Membership;

/// <summary>
/// The exact upper tail Q(y) = 1 − Φ(y) of the standard normal, by composite Simpson integration of its density over
/// [|y|, |y| + 16] (what lies beyond is below 1e-57 relative): independent of any erfc approximation, and accurate to a
/// relative 1e-9 or better wherever Q is above 1e-20, far finer than the tolerances it checks.
/// </summary>
internal static class NormalTail
{
    private const int Panels = 40_000;

    public static double Q(double y)
    {
        if (y < 0)
            return 1 - Q(-y);
        const double span = 16;
        var h = span / Panels;
        var sum = Density(y) + Density(y + span);
        for (var k = 1; k < Panels; k++)
            sum += (k % 2 == 1 ? 4 : 2) * Density(y + k * h);
        return sum * h / 3;
    }

    /// <summary>φ as Akka defines it from the exact normal: −log10 Q((elapsed − mean) / deviation).</summary>
    public static double Phi(double elapsed, double mean, double deviation) => -System.Math.Log10(Q((elapsed - mean) / deviation));

    private static double Density(double t) => System.Math.Exp(-t * t / 2) / System.Math.Sqrt(2 * System.Math.PI);
}
