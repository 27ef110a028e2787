using ShampooActors.Math.Nn;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>Tensors used more than once in one graph: gradients from every use are added up.</summary>
public sealed class GradientReuseSpec
{
    [Fact]
    public void An_input_multiplied_by_itself_receives_twice_its_value_times_the_upstream_gradient()
    {
        // x·x is quadratic in each element: M = 0.
        var x = new TestRandom(1).Leaf(3, 4);
        GradCheck.Check(v => v[0] * v[0], [x], h: 0.1, thirdDerivative: 0);
    }

    [Fact]
    public void An_input_added_to_itself_receives_the_upstream_gradient_twice()
    {
        var x = new TestRandom(2).Leaf(3, 4);
        GradCheck.Check(v => v[0] + v[0], [x], h: 0.1, thirdDerivative: 0);
    }

    [Fact]
    public void A_tensor_concatenated_with_itself_receives_the_gradient_of_both_copies()
    {
        var x = new TestRandom(5).Leaf(2, 3);
        GradCheck.Check(v => Ops.Concat([v[0], v[0]], 1), [x], h: 0.1, thirdDerivative: 0);
    }

    [Fact]
    public void An_intermediate_result_used_twice_adds_both_gradients_before_passing_them_on()
    {
        // f = t² + t with t = tanh(x): f''' = (1 − t²)[−2t(2 − 6t² − 2t) − (1 − t²)(12t + 2)], at most 5.2 in
        // magnitude for t in (−1, 1); M = 6.
        var x = new TestRandom(3).Leaf(2, 3);
        GradCheck.Check(v =>
        {
            var t = Ops.Tanh(v[0]);
            return t * t + t;
        }, [x], h: 0.01, thirdDerivative: 6);
    }

    [Fact]
    public void A_two_layer_relu_network_with_mse_loss_gets_every_parameter_gradient_right()
    {
        // Linear → ReLU → Linear → MSE is piecewise quadratic in each parameter (M = 0) as long as no
        // pre-activation crosses 0 within the step. A step of 0.01 moves a pre-activation by at most
        // 0.01·max(1, |x|) = 0.01, so the test first checks that every pre-activation is at least 0.02 from 0.
        var model = new Sequential(new Linear(3, 6, new SplitMix64(11)), new ReLU(), new Linear(6, 2, new SplitMix64(12)));
        var random = new TestRandom(4);
        var x = random.Tensor(-1, 1, 5, 3);
        var target = random.Tensor(-1, 1, 5, 2);
        var first = (Linear)model.Layers[0];
        var preActivations = Ops.Linear(x, first.Weight, first.Bias).ToArray();
        Assert.All(preActivations, z => Assert.True(System.Math.Abs(z) >= 0.02, $"pre-activation {z} is too close to the kink"));
        Assert.Contains(preActivations, z => z < 0);
        Assert.Contains(preActivations, z => z > 0);
        GradCheck.Check(_ => Ops.MseLoss(model.Forward(x), target), model.Parameters().ToArray(), h: 0.01, thirdDerivative: 0);
    }
}
