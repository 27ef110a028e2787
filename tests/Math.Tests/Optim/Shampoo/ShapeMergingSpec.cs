using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class ShapeMergingSpec
{
    [Fact]
    public void A_conv_kernel_merges_its_spatial_dims() =>
        Assert.Equal([9, 128, 128], ShapeMerging.Merge([3, 3, 128, 128], 128));

    [Fact]
    public void Size_one_dims_are_dropped_and_neighbours_merge_up_to_the_threshold() =>
        Assert.Equal([1024, 2048], ShapeMerging.Merge([1, 2, 512, 1, 2048], 1024));

    [Fact]
    public void A_tensor_no_larger_than_the_threshold_becomes_a_vector() =>
        Assert.Equal([120], ShapeMerging.Merge([2, 3, 4, 5], 128));

    [Fact]
    public void A_scalar_becomes_a_single_element_vector()
    {
        Assert.Equal([1], ShapeMerging.Merge([], 128));
        Assert.Equal([1], ShapeMerging.Merge([1, 1], 128));
    }

    [Fact]
    public void Merging_is_greedy_from_the_left_on_odd_shapes()
    {
        // 5·7 = 35 ≤ 40 merges, 35·11 > 40 does not; 11·3 = 33 ≤ 40 merges.
        Assert.Equal([35, 33], ShapeMerging.Merge([5, 7, 11, 3], 40));
        Assert.Equal([200, 784], ShapeMerging.Merge([200, 784], 128));
    }
}
