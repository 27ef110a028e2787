using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Testing;

/// <summary>Which roots the simulated root service returns.</summary>
public enum SimulatedRoots
{
    /// <summary>The real ones: <see cref="ShampooRoots.Compute"/> of the snapshot, computed when the computation is asked for.</summary>
    Real,

    /// <summary>
    /// Cheap stand-ins: every factor's root is the n×n identity, accepted, with the snapshot's root method, residual 0 and no
    /// iterations. Adopting them makes a block's update its graft direction unscaled by the statistics; use them when the
    /// study is about timing and staleness, not about the optimizer's numbers.
    /// </summary>
    Identity,
}

/// <summary>The roots the simulated service hands out: real, identity, or made non-finite by a fault.</summary>
internal static class RootValues
{
    /// <summary>The roots of <paramref name="snapshot"/> of the kind <paramref name="kind"/>.</summary>
    public static BlockRoots Of(StatisticsSnapshot snapshot, SimulatedRoots kind) => kind switch
    {
        SimulatedRoots.Real => ShampooRoots.Compute(snapshot),
        SimulatedRoots.Identity => Identity(snapshot),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such kind of simulated roots"),
    };

    /// <summary>Every factor's root the identity, accepted.</summary>
    public static BlockRoots Identity(StatisticsSnapshot snapshot)
    {
        var factors = new InverseRoot[snapshot.Factors.Count];
        for (var f = 0; f < factors.Length; f++)
            factors[f] = new InverseRoot(IdentityMatrix(snapshot.Factors[f].Size), Accepted(snapshot.Roots.Method, residual: 0));
        return new BlockRoots(snapshot.BlockId, snapshot.Version, factors);
    }

    /// <summary>
    /// <paramref name="roots"/> with the first factor's root replaced by a copy (the identity where it was rejected) whose
    /// first entry is NaN, flagged accepted: what a numerically broken worker might return.
    /// </summary>
    public static BlockRoots WithNaN(BlockRoots roots, StatisticsSnapshot snapshot)
    {
        if (roots.Factors.Count == 0)
            return roots;
        var first = roots.Factors[0];
        var root = first.Root is { } r ? (double[])r.Clone() : IdentityMatrix(snapshot.Factors[0].Size);
        root[0] = double.NaN;
        var factors = roots.Factors.ToArray();
        factors[0] = new InverseRoot(root, first.Diagnostics with { Accepted = true });
        return roots with { Factors = factors };
    }

    private static double[] IdentityMatrix(int n)
    {
        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
            matrix[i * n + i] = 1;
        return matrix;
    }

    private static RootDiagnostics Accepted(RootMethod method, double residual) =>
        new(method, residual, Iterations: 0, LambdaMax: 0, Ridge: 0, Attempts: 1, Accepted: true, Milliseconds: 0);
}
