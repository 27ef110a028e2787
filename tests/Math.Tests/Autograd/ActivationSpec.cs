using ShampooActors.Math.Nn;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>ReLU, tanh and sigmoid: forward values against float64 formulas and gradients against central differences.</summary>
public sealed class ActivationSpec
{
    // Gradient checks use 35 elements: whole SIMD vectors and a scalar tail for any vector width of 4, 8 or 16.

    private static void CheckForward(Func<Tensor, Tensor> op, Func<double, double> reference, float[] inputs, double ulps, double absoluteScale = 0)
    {
        var y = op(Tensor.FromValues(inputs, inputs.Length));
        for (var i = 0; i < inputs.Length; i++)
        {
            var expected = reference(inputs[i]);
            Assert.True(System.Math.Abs(y.Data[i] - expected) <= ulps * 6e-8 * (System.Math.Abs(expected) + absoluteScale) + 1e-30,
                $"f({inputs[i]}) = {y.Data[i]}, float64 reference {expected}");
        }
    }

    [Fact]
    public void Relu_keeps_positive_values_and_zeroes_the_rest()
    {
        // max(x, 0) is exact in float32.
        CheckForward(Ops.Relu, x => System.Math.Max(x, 0), new TestRandom(1).Floats(40, -3, 3), 0);
    }

    [Fact]
    public void Tanh_matches_the_float64_function_to_a_few_float32_roundings()
    {
        // TensorPrimitives evaluates tanh through exponentials, as 1 − 2/(e^(2x) + 1): its error is a few float32
        // roundings relative to 1, not to tanh(x), so near 0 it is absolute (measured ≈ 4 ulps of 0.1 at x = 0.1).
        CheckForward(Ops.Tanh, System.Math.Tanh, new TestRandom(2).Floats(40, -5, 5), 4, absoluteScale: 1);
    }

    [Fact]
    public void Tanh_of_small_inputs_keeps_their_sign_and_is_accurate_relative_to_the_input()
    {
        // Regression: evaluated through exponentials, tanh(1e-9) came out as −6e-8 and tanh(1e-6) 4.6 % low. Near 0
        // tanh(x) ≈ x − x³/3, and a float32 result should be within two roundings of the float64 value.
        float[] inputs = [1e-30f, 1e-9f, -1e-9f, 1e-6f, -3e-5f, 1e-4f, 1e-3f, -0.004f, 0.01f, 0.03f, -0.05f, 0.0624f];
        CheckForward(Ops.Tanh, System.Math.Tanh, inputs, 2);
        var random = new TestRandom(8);
        CheckForward(Ops.Tanh, System.Math.Tanh, random.AwayFromZero(37, 1e-7, 0.0624), 2);
    }

    [Fact]
    public void Sigmoid_matches_the_float64_function_to_a_few_ulps_and_saturates_without_nan()
    {
        CheckForward(Ops.Sigmoid, x => 1 / (1 + System.Math.Exp(-x)), new TestRandom(3).Floats(40, -12, 12), 4);
        var extreme = Ops.Sigmoid(Tensor.FromValues([-200f, 200f], 2)).ToArray();
        Assert.Equal(new[] { 0f, 1f }, extreme);
    }

    [Fact]
    public void Relu_gradient_passes_where_the_input_is_positive_and_stops_where_it_is_negative()
    {
        // Inputs at least 0.25 from the kink with h = 0.1: ReLU is linear on [x − h, x + h], so M = 0.
        var x = Tensor.FromValues(new TestRandom(4).AwayFromZero(35, 0.25, 1), 5, 7);
        x.RequiresGrad = true;
        GradCheck.Check(v => Ops.Relu(v[0]), [x], h: 0.1, thirdDerivative: 0);
        var positive = x.ToArray().Count(v => v > 0);
        Assert.InRange(positive, 1, x.Length - 1);
    }

    [Fact]
    public void Tanh_gradient_matches_central_differences()
    {
        // |tanh'''| = |2(1 − t²)(3t² − 1)| ≤ 2.
        var x = new TestRandom(5).Tensor(-2, 2, 5, 7);
        x.RequiresGrad = true;
        GradCheck.Check(v => Ops.Tanh(v[0]), [x], h: 0.01, thirdDerivative: 2);
    }

    [Fact]
    public void Sigmoid_gradient_matches_central_differences()
    {
        // |σ'''| = |σ(1 − σ)(1 − 6σ + 6σ²)| ≤ 1/8.
        var x = new TestRandom(6).Tensor(-4, 4, 5, 7);
        x.RequiresGrad = true;
        GradCheck.Check(v => Ops.Sigmoid(v[0]), [x], h: 0.05, thirdDerivative: 0.125);
    }

    [Fact]
    public void Activation_layers_apply_their_functions()
    {
        var x = new TestRandom(7).Tensor(-2, 2, 2, 3);
        Assert.Equal(Ops.Relu(x).ToArray(), new ReLU().Forward(x).ToArray());
        Assert.Equal(Ops.Tanh(x).ToArray(), new Tanh().Forward(x).ToArray());
        Assert.Equal(Ops.Sigmoid(x).ToArray(), new Sigmoid().Forward(x).ToArray());
    }
}
