using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Cluster;

/// <summary>Hand-made statistics and roots for tests that play an intruder or a zombie.</summary>
internal static class Messages
{
    /// <summary>A snapshot of one factor of size n with H = I.</summary>
    public static StatisticsSnapshot Snapshot(int block, long version, int size)
    {
        var identity = new double[size * size];
        for (var i = 0; i < size; i++)
            identity[i * size + i] = 1;
        return new StatisticsSnapshot(block, version, [new FactorStatistics(size, 4, identity)], new RootOptions());
    }

    /// <summary>Roots of two factors of size n, both the identity.</summary>
    public static BlockRoots Roots(int block, long version, int size)
    {
        var identity = Snapshot(block, version, size).Factors[0].Matrix;
        var diagnostics = new RootDiagnostics(RootMethod.Eigh, 0, 0, 1, 1e-6, 1, true, 0);
        return new BlockRoots(block, version, [new InverseRoot(identity, diagnostics), new InverseRoot(identity, diagnostics)]);
    }
}
