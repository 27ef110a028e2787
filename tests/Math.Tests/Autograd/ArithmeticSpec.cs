using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>Add, Sub and Mul with batch broadcasting: forward values and gradients for every broadcasting case.</summary>
public sealed class ArithmeticSpec
{
    // add, sub and mul are at most quadratic in every input element: central differences are exact (M = 0), so a
    // large step keeps the round-off term small.
    private const double Step = 0.1;

    public static TheoryData<string> Operations => new() { "add", "sub", "mul" };

    private static Func<Tensor, Tensor, Tensor> Op(string name) => name switch
    {
        "add" => (a, b) => a + b,
        "sub" => (a, b) => a - b,
        "mul" => (a, b) => a * b,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static double Reference(string name, double a, double b) => name switch
    {
        "add" => a + b,
        "sub" => a - b,
        _ => a * b,
    };

    private static void CheckGradients(string name, int[] aShape, int[] bShape, bool aGrad = true, bool bGrad = true)
    {
        var random = new TestRandom(aShape.Length * 10 + bShape.Length);
        var a = random.Leaf(aShape);
        var b = random.Leaf(bShape);
        a.RequiresGrad = aGrad;
        b.RequiresGrad = bGrad;
        var op = Op(name);
        GradCheck.Check(x => op(x[0], x[1]), [a, b], Step, thirdDerivative: 0);
    }

    /// <summary>Checks the forward values against an index-by-index float64 reference of the broadcasting rule.</summary>
    private static void CheckForward(string name, int[] aShape, int[] bShape, int[] expectedShape)
    {
        var random = new TestRandom(3);
        var a = random.Tensor(-2, 2, aShape);
        var b = random.Tensor(-2, 2, bShape);
        var c = Op(name)(a, b);
        Assert.Equal(expectedShape, c.ShapeArray());
        for (var o = 0; o < c.Length; o++)
        {
            var expected = Reference(name, a.Data[a.Length == c.Length ? o : o % a.Length], b.Data[b.Length == c.Length ? o : o % b.Length]);
            // One float32 operation on float32 inputs is correctly rounded: within half an ulp of the exact value.
            Assert.True(System.Math.Abs(c.Data[o] - expected) <= 6e-8 * System.Math.Abs(expected),
                $"{name} element {o}: {c.Data[o]} vs {expected}");
        }
    }

    [Theory, MemberData(nameof(Operations))]
    public void Equal_shapes_combine_elementwise(string op) => CheckForward(op, [3, 4], [3, 4], [3, 4]);

    [Theory, MemberData(nameof(Operations))]
    public void A_scalar_on_either_side_is_applied_to_every_element(string op)
    {
        CheckForward(op, [3, 4], [], [3, 4]);
        CheckForward(op, [], [3, 4], [3, 4]);
        CheckForward(op, [1], [2, 5], [2, 5]);
    }

    [Theory, MemberData(nameof(Operations))]
    public void A_row_on_either_side_is_repeated_over_the_batch(string op)
    {
        CheckForward(op, [3, 4], [4], [3, 4]);
        CheckForward(op, [4], [3, 4], [3, 4]);
        CheckForward(op, [2, 3, 4], [3, 4], [2, 3, 4]);
    }

    [Theory, MemberData(nameof(Operations))]
    public void Equal_shapes_give_both_operands_the_elementwise_gradient(string op) =>
        CheckGradients(op, [3, 4], [3, 4]);

    [Theory, MemberData(nameof(Operations))]
    public void A_scalar_on_the_right_receives_the_sum_of_its_gradient(string op) =>
        CheckGradients(op, [3, 4], []);

    [Theory, MemberData(nameof(Operations))]
    public void A_scalar_on_the_left_receives_the_sum_of_its_gradient(string op) =>
        CheckGradients(op, [], [3, 4]);

    [Theory, MemberData(nameof(Operations))]
    public void A_one_element_vector_is_broadcast_like_a_scalar(string op) =>
        CheckGradients(op, [1], [2, 3]);

    [Theory, MemberData(nameof(Operations))]
    public void A_row_on_the_right_is_broadcast_over_the_batch_and_its_gradient_summed(string op) =>
        CheckGradients(op, [3, 4], [4]);

    [Theory, MemberData(nameof(Operations))]
    public void A_row_on_the_left_is_broadcast_over_the_batch_and_its_gradient_summed(string op) =>
        CheckGradients(op, [4], [3, 4]);

    [Theory, MemberData(nameof(Operations))]
    public void A_matrix_is_broadcast_over_the_leading_dimension_of_a_rank_3_operand(string op)
    {
        CheckGradients(op, [2, 3, 4], [3, 4]);
        CheckGradients(op, [3, 4], [2, 3, 4]);
    }

    [Theory, MemberData(nameof(Operations))]
    public void An_operand_that_does_not_require_grad_receives_none(string op)
    {
        CheckGradients(op, [3, 4], [4], aGrad: true, bGrad: false);
        CheckGradients(op, [3, 4], [4], aGrad: false, bGrad: true);
        CheckGradients(op, [], [3, 4], aGrad: false, bGrad: true);
    }

    [Fact]
    public void Add_broadcasts_a_row_over_the_batch_and_sums_its_gradient()
    {
        var x = Tensor.Zeros(3, 2);
        var row = Tensor.FromValues([1f, 2f], 2);
        row.RequiresGrad = true;
        using (new GradientTape())
        {
            var y = x + row;
            Assert.Equal(new[] { 1f, 2f, 1f, 2f, 1f, 2f }, y.ToArray());
            y.Backward(Tensor.FromValues([1f, 10f, 100f, 1000f, 10000f, 100000f], 3, 2));
        }
        Assert.Equal(new[] { 10101f, 101010f }, row.Grad!.ToArray());
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 3 })]
    [InlineData(new[] { 2, 3 }, new[] { 3, 2 })]
    [InlineData(new[] { 2, 3 }, new[] { 2, 1 })]
    [InlineData(new[] { 4 }, new[] { 2, 3, 4, 5 })]
    public void Shapes_that_do_not_broadcast_are_refused_with_both_shapes_named(int[] aShape, int[] bShape)
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(aShape) * Tensor.Zeros(bShape));
        Assert.Contains("mul", error.Message, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", aShape), error.Message, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", bShape), error.Message, StringComparison.Ordinal);
    }
}
