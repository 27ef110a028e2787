using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Cluster.Wire;

/// <summary>A decoded snapshot or roots checked against the shape its trainer registered for the block.</summary>
public sealed class BlockShapeMatchingSpec
{
    private static readonly BlockShape Shape = new(4, [3, 2]);

    private static StatisticsSnapshot Snapshot(int block, params int[] sizes) =>
        new(block, 10, sizes.Select(n => new FactorStatistics(n, 2, new double[n * n])).ToArray(), new RootOptions());

    private static BlockRoots Roots(int block, params int[] sizes) =>
        new(block, 10, sizes.Select(n => new InverseRoot(new double[n * n], new RootDiagnostics(RootMethod.Eigh, 0, 0, 1, 1e-6, 1, true, 0))).ToArray());

    [Fact]
    public void The_shape_of_a_snapshot_is_its_block_and_factor_sizes()
    {
        var shape = BlockShape.Of(Snapshot(4, 3, 2));

        Assert.True(shape.SameAs(Shape));
        Assert.False(shape.SameAs(new BlockShape(4, [2, 3])));
        Assert.False(shape.SameAs(new BlockShape(5, [3, 2])));
    }

    [Fact]
    public void A_snapshot_of_the_registered_shape_matches()
    {
        Assert.True(WireValidation.Matches(Snapshot(4, 3, 2), Shape, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void A_snapshot_of_another_block_another_factor_count_or_another_size_does_not_match()
    {
        Assert.False(WireValidation.Matches(Snapshot(5, 3, 2), Shape, out var block));
        Assert.False(WireValidation.Matches(Snapshot(4, 3), Shape, out var count));
        Assert.False(WireValidation.Matches(Snapshot(4, 3, 2, 2), Shape, out var more));
        Assert.False(WireValidation.Matches(Snapshot(4, 3, 4), Shape, out var size));

        Assert.Equal("the snapshot is of block 5, not block 4", block);
        Assert.Contains("1 factors; the block has 2", count);
        Assert.Contains("3 factors; the block has 2", more);
        Assert.Contains("factor 1", size);
        Assert.Contains("size 4", size);
    }

    [Fact]
    public void A_snapshot_whose_matrix_length_is_not_its_size_squared_does_not_match()
    {
        var snapshot = new StatisticsSnapshot(4, 10, [new FactorStatistics(3, 2, new double[9]), new FactorStatistics(2, 2, new double[5])], new RootOptions());

        Assert.False(WireValidation.Matches(snapshot, Shape, out var error));
        Assert.Contains("5 values", error);
    }

    [Fact]
    public void Roots_of_the_registered_shape_match()
    {
        Assert.True(WireValidation.Matches(Roots(4, 3, 2), Shape, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Roots_of_another_block_another_factor_count_or_another_size_do_not_match()
    {
        Assert.False(WireValidation.Matches(Roots(3, 3, 2), Shape, out var block));
        Assert.False(WireValidation.Matches(Roots(4, 3, 2, 1), Shape, out var count));
        Assert.False(WireValidation.Matches(Roots(4, 2, 2), Shape, out var size));

        Assert.Equal("the roots are of block 3, not block 4", block);
        Assert.Contains("3 factors; the block has 2", count);
        Assert.Contains("factor 0", size);
    }

    [Fact]
    public void Roots_with_a_rejected_factor_do_not_match()
    {
        var roots = Roots(4, 3, 2);
        var rejected = roots with { Factors = [roots.Factors[0], new InverseRoot(null, roots.Factors[1].Diagnostics with { Accepted = false })] };

        Assert.False(WireValidation.Matches(rejected, Shape, out var error));
        Assert.Contains("rejected", error);
    }

    [Fact]
    public void Decoded_roots_match_the_shape_of_the_snapshot_they_answer()
    {
        var random = new Random(40);
        var snapshot = WireSamples.Snapshot(random, 3, 5).Snapshot;
        var roots = WireSamples.Roots(random, 3, 5);
        var answer = roots with { Roots = roots.Roots with { BlockId = snapshot.BlockId } };
        Assert.True(WireFormat.TryDecode(WireFormat.Encode(answer), WireLimits.Default, out var decoded, out _));

        Assert.True(WireValidation.Matches(((RootsMessage)decoded!).Roots, BlockShape.Of(snapshot), out var error), error);
    }
}
