using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class ParameterBlockingSpec
{
    [Fact]
    public void A_784_by_256_layer_is_cut_into_fourteen_blocks_with_a_short_last_column()
    {
        var blocking = ParameterBlocking.For([256, 784], new BlockingOptions());
        Assert.Equal([256, 784], blocking.MergedShape);
        Assert.Equal(14, blocking.Blocks.Count);
        Assert.Equal([0, 768], blocking.Blocks[6].Offset);
        Assert.Equal([128, 16], blocking.Blocks[6].Extent);
        Assert.Equal([128, 0], blocking.Blocks[7].Offset);
        Assert.Equal(4, blocking.Exponent);
        Assert.Equal(256 * 784, blocking.Blocks.Sum(b => b.Length));
    }

    [Fact]
    public void Blocks_of_a_three_dim_tensor_cover_every_element_exactly_once()
    {
        var shape = new[] { 5, 3, 7 };
        var blocking = ParameterBlocking.For(shape, new BlockingOptions { BlockSize = 2, MergeDimsThreshold = 1 });
        Assert.Equal(3 * 2 * 4, blocking.Blocks.Count);
        var covered = new int[5 * 3 * 7];
        foreach (var b in blocking.Blocks)
        {
            for (var i = 0; i < b.Extent[0]; i++)
                for (var j = 0; j < b.Extent[1]; j++)
                    for (var k = 0; k < b.Extent[2]; k++)
                        covered[((b.Offset[0] + i) * 3 + b.Offset[1] + j) * 7 + b.Offset[2] + k]++;
        }
        Assert.All(covered, c => Assert.Equal(1, c));
        Assert.Equal(6, blocking.Exponent);
    }

    [Fact]
    public void A_dim_longer_than_max_preconditioner_dim_gets_no_factor_and_the_exponent_counts_the_others()
    {
        var blocking = ParameterBlocking.For([5000, 64], new BlockingOptions());
        Assert.Equal([false, true], blocking.PreconditionedDims);
        Assert.Equal(2, blocking.Exponent);
        Assert.Equal(40, blocking.Blocks.Count);
    }

    [Fact]
    public void A_diagonal_parameter_or_a_scalar_or_a_long_bias_has_no_blocks()
    {
        Assert.Empty(ParameterBlocking.For([64, 64], new BlockingOptions { Diagonal = true }).Blocks);
        Assert.Empty(ParameterBlocking.For([], new BlockingOptions()).Blocks);
        Assert.Empty(ParameterBlocking.For([1], new BlockingOptions()).Blocks);
        Assert.Empty(ParameterBlocking.For([5000], new BlockingOptions()).Blocks);
    }

    [Fact]
    public void A_bias_is_blocked_like_any_vector_with_the_root_exponent_two()
    {
        var blocking = ParameterBlocking.For([256], new BlockingOptions());
        Assert.Equal(2, blocking.Blocks.Count);
        Assert.Equal(2, blocking.Exponent);
    }

    [Fact]
    public void The_exponent_override_applies_to_every_factor() =>
        Assert.Equal(2, ParameterBlocking.For([64, 64], new BlockingOptions(), exponentOverride: 2).Exponent);
}
