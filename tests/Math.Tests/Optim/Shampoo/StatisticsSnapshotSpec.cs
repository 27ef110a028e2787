using ShampooActors.Math.Linalg;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>How much a block's statistics changed between two snapshots, against closed forms.</summary>
public sealed class StatisticsSnapshotSpec
{
    private static StatisticsSnapshot Snapshot(int blockId, params double[][] matrices) =>
        new(blockId, 1, matrices.Select(m => new FactorStatistics((int)System.Math.Sqrt(m.Length), 4, m)).ToArray(), new RootOptions());

    private static double[] Random(int n, int seed) => new TestRandom(seed).Doubles(n * n, -1, 1);

    [Fact]
    public void Without_a_previous_snapshot_the_change_is_infinite()
    {
        Assert.Equal(double.PositiveInfinity, Snapshot(0, Random(3, 1)).RelativeChange(null));
    }

    [Fact]
    public void Statistics_that_doubled_changed_by_one()
    {
        var (left, right) = (Random(3, 1), Random(2, 2));
        var previous = Snapshot(4, left, right);
        var now = Snapshot(4, left.Select(x => 2 * x).ToArray(), right.Select(x => 2 * x).ToArray());
        Assert.Equal(1.0, now.RelativeChange(previous));
    }

    [Fact]
    public void Unchanged_statistics_changed_by_zero()
    {
        var previous = Snapshot(0, Random(3, 1), Random(2, 2));
        Assert.Equal(0.0, Snapshot(0, Random(3, 1), Random(2, 2)).RelativeChange(previous));
    }

    [Fact]
    public void The_change_is_the_largest_over_factors_of_the_relative_frobenius_distance()
    {
        // Factor 0: H_prev = diag(3, 4) (norm 5), H − H_prev = [[0, 1], [1, 0]] (norm √2): √2/5 ≈ 0.283.
        // Factor 1: H_prev = [[1, 2], [2, 1]] (norm √10), H − H_prev = [[0, 0], [0, 3]]: 3/√10 ≈ 0.949, the largest.
        // Factor 2: H = 1.25·H_prev: 0.25.
        var third = Random(3, 3);
        var previous = Snapshot(2, [3, 0, 0, 4], [1, 2, 2, 1], third);
        var now = Snapshot(2, [3, 1, 1, 4], [1, 2, 2, 4], third.Select(x => 1.25 * x).ToArray());
        Assert.Equal(3 / System.Math.Sqrt(10), now.RelativeChange(previous), 1e-15);

        var smaller = Snapshot(2, [3, 1, 1, 4], [1, 2, 2, 1], third.Select(x => 1.25 * x).ToArray());
        Assert.Equal(System.Math.Sqrt(2) / 5, smaller.RelativeChange(previous), 1e-15);
    }

    [Fact]
    public void A_factor_that_was_zero_changed_infinitely_unless_it_still_is()
    {
        var zero = new double[4];
        var previous = Snapshot(0, zero, [1, 0, 0, 1]);
        Assert.Equal(double.PositiveInfinity, Snapshot(0, [0, 0, 0, 1e-30], [1, 0, 0, 1]).RelativeChange(previous));
        // Both zero counts as no change; the other factor's 0.5 (H = 1.5·H_prev) is then the largest.
        Assert.Equal(0.5, Snapshot(0, zero, [1.5, 0, 0, 1.5]).RelativeChange(previous), 1e-15);
        Assert.Equal(0.0, Snapshot(0, zero, zero).RelativeChange(Snapshot(0, zero, zero)));
    }

    [Fact]
    public void A_statistic_holding_nan_gives_nan()
    {
        var previous = Snapshot(0, [1, 0, 0, 1], [1, 0, 0, 1]);
        Assert.True(double.IsNaN(Snapshot(0, [double.NaN, 0, 0, 1], [1, 0, 0, 1]).RelativeChange(previous)));
    }

    [Fact]
    public void Snapshots_of_other_blocks_or_other_factor_sizes_are_rejected()
    {
        var previous = Snapshot(0, Random(3, 1), Random(2, 2));
        Assert.Throws<ArgumentException>(() => Snapshot(1, Random(3, 1), Random(2, 2)).RelativeChange(previous));
        Assert.Throws<ArgumentException>(() => Snapshot(0, Random(3, 1)).RelativeChange(previous));
        Assert.Throws<ArgumentException>(() => Snapshot(0, Random(3, 1), Random(3, 2)).RelativeChange(previous));
        Assert.Throws<ArgumentException>(() => Snapshot(0, Random(2, 2), Random(2, 1)).RelativeChange(previous));
    }

    [Fact]
    public void Summed_statistics_of_a_repeated_gradient_change_by_the_ratio_of_their_steps_minus_one()
    {
        // β₂ = 1 sums G·Gᵀ, so after t steps of one gradient H_t = t·H_1: H_3 against H_1 changed by 2, H_4 against H_2 by 1.
        // Quarter-step gradients keep every float32 sum exact.
        var g = Enumerable.Range(0, 30).Select(i => (float)(((i * 7) % 11 - 5.5) / 4)).ToArray();
        var p = new Parameter(new float[30], 6, 5);
        var optimizer = new Shampoo([p], new ShampooOptions { Blocking = new BlockingOptions { BlockSize = 3 }, PreconditionEvery = 1000 });
        var snapshots = new List<StatisticsSnapshot[]>();
        for (var t = 1; t <= 4; t++)
        {
            p.Grad = Tensor.FromValues(g, 6, 5);
            optimizer.Step();
            snapshots.Add(optimizer.Blocks.Select(b => optimizer.Snapshot(b.Id)).ToArray());
        }
        for (var b = 0; b < optimizer.Blocks.Count; b++)
        {
            Assert.Equal(2.0, snapshots[2][b].RelativeChange(snapshots[0][b]), 1e-12);
            Assert.Equal(1.0, snapshots[3][b].RelativeChange(snapshots[1][b]), 1e-12);
            Assert.Equal(double.PositiveInfinity, snapshots[3][b].RelativeChange(null));
        }
        Assert.Throws<ArgumentException>(() => snapshots[3][0].RelativeChange(snapshots[3][1]));
    }
}
