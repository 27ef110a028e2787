using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>MatMul and Linear: values against float64 loops, gradients of both operands against central differences.</summary>
public sealed class MatMulSpec
{
    // Both ops are linear in every single input element (bilinear overall, quadratic for x·x): M = 0 and a large step.
    private const double Step = 0.1;

    /// <summary>A float32 dot product of length k is within k·2⁻²⁴·Σ|aᵢbᵢ| of the exact value.</summary>
    private static void AssertClose(double expected, float actual, int k, double magnitude, string what) =>
        Assert.True(System.Math.Abs(actual - expected) <= (k + 1) * 6e-8 * magnitude,
            $"{what}: {actual} vs float64 reference {expected}");

    [Fact]
    public void MatMul_matches_a_float64_triple_loop_for_non_square_operands()
    {
        var random = new TestRandom(1);
        var a = random.Tensor(-1, 1, 3, 5);
        var b = random.Tensor(-1, 1, 5, 4);
        var c = Ops.MatMul(a, b);
        Assert.Equal(new[] { 3, 4 }, c.ShapeArray());
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 4; j++)
        {
            double sum = 0, magnitude = 0;
            for (var p = 0; p < 5; p++)
            {
                sum += (double)a.Data[i * 5 + p] * b.Data[p * 4 + j];
                magnitude += System.Math.Abs((double)a.Data[i * 5 + p] * b.Data[p * 4 + j]);
            }
            AssertClose(sum, c.Data[i * 4 + j], 5, magnitude, $"c[{i},{j}]");
        }
    }

    [Fact]
    public void MatMul_gradients_of_both_operands_match_central_differences()
    {
        var random = new TestRandom(2);
        GradCheck.Check(v => v[0].MatMul(v[1]), [random.Leaf(3, 5), random.Leaf(5, 4)], Step, thirdDerivative: 0);
    }

    [Fact]
    public void MatMul_gives_a_gradient_only_to_the_operand_that_requires_it()
    {
        var random = new TestRandom(3);
        var a = random.Leaf(3, 5);
        var b = random.Tensor(-1, 1, 5, 4);
        GradCheck.Check(v => v[0].MatMul(v[1]), [a, b], Step, thirdDerivative: 0);
        a.RequiresGrad = false;
        b.RequiresGrad = true;
        GradCheck.Check(v => v[0].MatMul(v[1]), [a, b], Step, thirdDerivative: 0);
    }

    [Fact]
    public void MatMul_of_a_matrix_with_itself_accumulates_both_operand_gradients()
    {
        var x = new TestRandom(4).Leaf(4, 4);
        GradCheck.Check(v => v[0].MatMul(v[0]), [x], Step, thirdDerivative: 0);
    }

    [Fact]
    public void MatMul_over_an_empty_inner_dimension_is_a_zero_matrix()
    {
        // torch.mm of [2, 0] × [0, 3] is a 2×3 matrix of zeros: the empty sum. Inside a tape the result lands in
        // recycled memory, here poisoned with NaN, which must be overwritten rather than scaled.
        var c = Ops.MatMul(Tensor.Zeros(2, 0), Tensor.Zeros(0, 3));
        Assert.Equal(new[] { 2, 3 }, c.ShapeArray());
        Assert.All(c.ToArray(), v => Assert.Equal(0f, v));
        var pool = new BufferPool();
        pool.Return(Enumerable.Repeat(float.NaN, 6).ToArray());
        using (new GradientTape(pool))
        {
            var pooled = Ops.MatMul(Tensor.Zeros(2, 0), Tensor.Zeros(0, 3));
            Assert.Equal(0, pool.Misses);
            Assert.All(pooled.ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void MatMul_refuses_mismatched_inner_dimensions_and_non_matrices()
    {
        var error = Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 2)));
        Assert.Contains("inner dimensions", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3, 4), Tensor.Zeros(4, 2)));
        Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(3), Tensor.Zeros(3, 2)));
    }

    [Theory]
    [InlineData(true, new[] { 4, 3 })]
    [InlineData(false, new[] { 4, 3 })]
    [InlineData(true, new[] { 2, 2, 3 })]
    public void Linear_matches_a_float64_loop_of_x_times_w_transposed_plus_b(bool withBias, int[] xShape)
    {
        var random = new TestRandom(5);
        var x = random.Tensor(-1, 1, xShape);
        var w = random.Tensor(-1, 1, 5, 3);
        var b = withBias ? random.Tensor(-1, 1, 5) : null;
        var y = Ops.Linear(x, w, b);
        var expectedShape = (int[])xShape.Clone();
        expectedShape[^1] = 5;
        Assert.Equal(expectedShape, y.ShapeArray());
        var rows = x.Length / 3;
        for (var r = 0; r < rows; r++)
        for (var o = 0; o < 5; o++)
        {
            double sum = b is null ? 0 : b.Data[o], magnitude = System.Math.Abs(sum);
            for (var i = 0; i < 3; i++)
            {
                sum += (double)x.Data[r * 3 + i] * w.Data[o * 3 + i];
                magnitude += System.Math.Abs((double)x.Data[r * 3 + i] * w.Data[o * 3 + i]);
            }
            AssertClose(sum, y.Data[r * 5 + o], 4, magnitude, $"y[{r},{o}]");
        }
    }

    [Fact]
    public void Linear_gradients_of_input_weight_and_bias_match_central_differences()
    {
        var random = new TestRandom(6);
        GradCheck.Check(v => Ops.Linear(v[0], v[1], v[2]), [random.Leaf(4, 3), random.Leaf(5, 3), random.Leaf(5)],
            Step, thirdDerivative: 0);
    }

    [Fact]
    public void Linear_without_bias_gradients_match_central_differences()
    {
        var random = new TestRandom(7);
        GradCheck.Check(v => Ops.Linear(v[0], v[1], null), [random.Leaf(4, 3), random.Leaf(5, 3)], Step, thirdDerivative: 0);
    }

    [Fact]
    public void Linear_on_a_rank_3_input_treats_leading_dimensions_as_batch_and_sums_weight_gradients_over_them()
    {
        var random = new TestRandom(8);
        GradCheck.Check(v => Ops.Linear(v[0], v[1], v[2]), [random.Leaf(2, 3, 4), random.Leaf(5, 4), random.Leaf(5)],
            Step, thirdDerivative: 0);
    }

    [Fact]
    public void Linear_on_data_that_does_not_require_grad_gives_gradients_to_weight_and_bias_only()
    {
        var random = new TestRandom(9);
        GradCheck.Check(v => Ops.Linear(v[0], v[1], v[2]), [random.Tensor(-1, 1, 4, 3), random.Leaf(5, 3), random.Leaf(5)],
            Step, thirdDerivative: 0);
    }

    [Fact]
    public void Linear_refuses_an_input_width_or_bias_that_does_not_fit_the_weight()
    {
        var w = Tensor.Zeros(5, 3);
        Assert.Throws<ArgumentException>(() => Ops.Linear(Tensor.Zeros(4, 2), w, null));
        Assert.Throws<ArgumentException>(() => Ops.Linear(Tensor.Zeros(4, 3), w, Tensor.Zeros(3)));
        Assert.Throws<ArgumentException>(() => Ops.Linear(Tensor.Zeros(4, 3), w, Tensor.Zeros(1, 5)));
    }
}
