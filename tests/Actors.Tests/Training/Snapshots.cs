using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>Hand-made statistics snapshots: one 2×2 factor holding c·I, so relative changes are |c − c′| / c′ exactly.</summary>
internal static class Snapshots
{
    public static StatisticsSnapshot Scaled(int block, long version, double c) =>
        new(block, version, [new FactorStatistics(2, 2, [c, 0, 0, c])], new RootOptions());

    /// <summary>A snapshot of an SPD 2×2 factor whose roots are accepted.</summary>
    public static StatisticsSnapshot Spd(int block, long version) =>
        new(block, version, [new FactorStatistics(2, 2, [2, 0.5, 0.5, 1])], new RootOptions());
}
