using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>Reshape, Transpose and Concat: element placement and gradients routed back to the right elements.</summary>
public sealed class ShapeSpec
{
    // Shape ops are linear (they only move elements): central differences are exact, M = 0.
    private const double Step = 0.1;

    [Fact]
    public void Reshape_keeps_the_row_major_order_and_infers_one_minus_one_dimension()
    {
        var x = new TestRandom(1).Tensor(-1, 1, 3, 4);
        var y = x.Reshape(2, -1, 3);
        Assert.Equal(new[] { 2, 2, 3 }, y.ShapeArray());
        Assert.Equal(x.ToArray(), y.ToArray());
    }

    [Fact]
    public void Reshape_refuses_a_different_element_count_or_two_inferred_dimensions()
    {
        var x = Tensor.Zeros(3, 4);
        Assert.Throws<ArgumentException>(() => x.Reshape(5, 2));
        Assert.Throws<ArgumentException>(() => x.Reshape(-1, 5));
        Assert.Throws<ArgumentException>(() => x.Reshape(-1, -1));
    }

    [Fact]
    public void Reshape_gradient_flows_back_element_for_element()
    {
        var x = new TestRandom(2).Leaf(3, 4);
        GradCheck.Check(v => v[0].Reshape(2, 6), [x], Step, thirdDerivative: 0);
        GradCheck.Check(v => Ops.Tanh(v[0].Reshape(-1)).Reshape(4, 3), [x], h: 0.01, thirdDerivative: 2);
    }

    [Fact]
    public void Transpose_moves_element_i_j_to_j_i_across_tile_boundaries()
    {
        // 40×35 spans more than one 32×32 tile in both directions.
        var x = new TestRandom(3).Tensor(-1, 1, 40, 35);
        var y = x.T();
        Assert.Equal(new[] { 35, 40 }, y.ShapeArray());
        for (var i = 0; i < 40; i++)
        for (var j = 0; j < 35; j++)
            Assert.Equal(x.Data[i * 35 + j], y.Data[j * 40 + i]);
    }

    [Fact]
    public void Transpose_gradient_of_a_non_square_matrix_matches_central_differences()
    {
        var x = new TestRandom(4).Leaf(3, 5);
        GradCheck.Check(v => v[0].T(), [x], Step, thirdDerivative: 0);
    }

    [Fact]
    public void Transpose_refuses_a_tensor_that_is_not_a_matrix()
    {
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3, 4).T());
    }

    /// <summary>Concatenation by index arithmetic, independent of the op: element (outer, offset + inner) of the result.</summary>
    private static float[] ConcatReference(Tensor[] parts, int dim)
    {
        var shape = parts[0].ShapeArray();
        var outer = 1;
        for (var d = 0; d < dim; d++)
            outer *= shape[d];
        var result = new List<float>();
        for (var o = 0; o < outer; o++)
        {
            foreach (var part in parts)
            {
                var width = part.Length / outer;
                result.AddRange(part.ToArray().Skip(o * width).Take(width));
            }
        }
        return result.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Concat_places_each_part_at_its_offset_along_the_dimension(int dim)
    {
        var random = new TestRandom(5);
        Tensor[] parts = dim == 0
            ? [random.Tensor(-1, 1, 2, 3), random.Tensor(-1, 1, 1, 3), random.Tensor(-1, 1, 3, 3)]
            : [random.Tensor(-1, 1, 2, 3), random.Tensor(-1, 1, 2, 1), random.Tensor(-1, 1, 2, 4)];
        var y = Ops.Concat(parts, dim);
        Assert.Equal(dim == 0 ? new[] { 6, 3 } : new[] { 2, 8 }, y.ShapeArray());
        Assert.Equal(ConcatReference(parts, dim == 0 ? 0 : 1), y.ToArray());
    }

    [Fact]
    public void Concat_along_a_middle_dimension_of_a_rank_3_tensor_interleaves_the_parts()
    {
        var random = new TestRandom(6);
        Tensor[] parts = [random.Tensor(-1, 1, 2, 3, 2), random.Tensor(-1, 1, 2, 1, 2)];
        var y = Ops.Concat(parts, 1);
        Assert.Equal(new[] { 2, 4, 2 }, y.ShapeArray());
        Assert.Equal(ConcatReference(parts, 1), y.ToArray());
    }

    [Fact]
    public void Concat_along_dim_0_gives_gradients_only_to_parts_that_require_them()
    {
        var random = new TestRandom(7);
        GradCheck.Check(v => Ops.Concat(v, 0),
            [random.Leaf(2, 3), random.Tensor(-1, 1, 1, 3), random.Leaf(3, 3)], Step, thirdDerivative: 0);
    }

    [Fact]
    public void Concat_along_dim_1_gives_gradients_only_to_parts_that_require_them()
    {
        var random = new TestRandom(8);
        GradCheck.Check(v => Ops.Concat(v, 1),
            [random.Tensor(-1, 1, 2, 3), random.Leaf(2, 1), random.Leaf(2, 4)], Step, thirdDerivative: 0);
    }

    [Fact]
    public void Concat_along_a_middle_dimension_routes_gradients_back_to_the_interleaved_parts()
    {
        var random = new TestRandom(9);
        GradCheck.Check(v => Ops.Concat(v, 1), [random.Leaf(2, 3, 2), random.Leaf(2, 1, 2)], Step, thirdDerivative: 0);
    }

    [Fact]
    public void Concat_of_parts_that_do_not_require_grad_records_nothing()
    {
        using var tape = new GradientTape();
        var y = Ops.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(2, 3)], 0);
        Assert.False(y.RequiresGrad);
        Assert.Equal(0, tape.OperationCount);
    }

    [Fact]
    public void Concat_refuses_no_parts_a_bad_dimension_and_parts_that_differ_elsewhere()
    {
        Assert.Throws<ArgumentException>(() => Ops.Concat([], 0));
        Assert.Throws<ArgumentException>(() => Ops.Concat([Tensor.Zeros(2, 3)], 2));
        Assert.Throws<ArgumentException>(() => Ops.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)], 0));
        Assert.Throws<ArgumentException>(() => Ops.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(2, 3, 1)], 0));
    }
}
