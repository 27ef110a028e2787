using ShampooActors.Math.Tests.Support;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

[Collection(nameof(AloneCollection))]
public sealed class StateDictSpec
{
    private const int Long = 37;
    private const int Short = 5;

    public static TheoryData<string> Optimizers => OptimizerFactories.Names;

    private static Parameter Long0() => new(Enumerable.Range(0, Long).Select(i => MathF.Sin(i + 1f)).ToArray(), Long);

    private static Parameter Short0() => new(Enumerable.Range(0, Short).Select(i => MathF.Cos(i + 1f)).ToArray(), 1, Short);

    /// <summary>Step <paramref name="t"/> (1-based): deterministic gradients; the short parameter has none at step 2.</summary>
    private static void Step(Optimizer optimizer, Parameter a, Parameter b, int t)
    {
        a.Grad = Tensor.FromValues(Enumerable.Range(0, Long).Select(i => MathF.Sin(0.7f * i * t + t)).ToArray(), Long);
        b.Grad = t == 2 ? null : Tensor.FromValues(Enumerable.Range(0, Short).Select(i => MathF.Cos(1.3f * i + t)).ToArray(), 1, Short);
        optimizer.Step();
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Resuming_from_a_state_dict_after_three_steps_is_bit_identical_to_never_stopping(string kind)
    {
        // A schedule-like lr change after step 3 must survive the round trip too.
        var (a, b) = (Long0(), Short0());
        var uninterrupted = OptimizerFactories.Create(kind, a, b);
        for (var t = 1; t <= 5; t++)
        {
            Step(uninterrupted, a, b, t);
            if (t == 3)
                uninterrupted.ParamGroups[1].Lr *= 0.5;
        }

        var (a1, b1) = (Long0(), Short0());
        var first = OptimizerFactories.Create(kind, a1, b1);
        for (var t = 1; t <= 3; t++)
            Step(first, a1, b1, t);
        first.ParamGroups[1].Lr *= 0.5;
        var saved = first.StateDict();

        var (a2, b2) = (new Parameter(a1.Data, Long), new Parameter(b1.Data, 1, Short));
        var resumed = OptimizerFactories.Create(kind, a2, b2);
        resumed.LoadStateDict(saved);
        for (var t = 4; t <= 5; t++)
            Step(resumed, a2, b2, t);

        Assert.Equal(Bits(a), Bits(a2));
        Assert.Equal(Bits(b), Bits(b2));
        Assert.Equal(uninterrupted.ParamGroups.Select(g => g.Lr), resumed.ParamGroups.Select(g => g.Lr));
    }

    [Fact]
    public void A_state_dict_is_a_copy_that_later_steps_do_not_change()
    {
        var (a, b) = (Long0(), Short0());
        var adam = new Adam([a, b]);
        Step(adam, a, b, 1);
        var saved = adam.StateDict();
        var before = saved.State[0].Buffers["exp_avg"].ToArray();
        Step(adam, a, b, 2);

        Assert.Equal(before, saved.State[0].Buffers["exp_avg"].ToArray());
        Assert.Equal(1, saved.State[0].Step);
        Assert.Equal(2, adam.GetState(a)!.Step);
    }

    [Fact]
    public void A_state_dict_from_another_optimizer_is_refused()
    {
        var (a, b) = (Long0(), Short0());
        var sgd = new Sgd([a, b]);
        Step(sgd, a, b, 1);
        var error = Assert.Throws<ArgumentException>(() => new Adam([a, b]).LoadStateDict(sgd.StateDict()));
        Assert.Contains("Sgd", error.Message);
    }

    [Fact]
    public void A_state_dict_with_other_groups_is_refused()
    {
        var (a, b) = (Long0(), Short0());
        var oneGroup = new Adam([a, b]);
        var twoGroups = new Adam([new ParamGroupSpec<AdamOptions>([a]), new ParamGroupSpec<AdamOptions>([b])]);
        var fewerParameters = new Adam([a]);

        Assert.Contains("groups", Assert.Throws<ArgumentException>(() => twoGroups.LoadStateDict(oneGroup.StateDict())).Message);
        Assert.Contains("parameters", Assert.Throws<ArgumentException>(() => fewerParameters.LoadStateDict(oneGroup.StateDict())).Message);
    }

    [Fact]
    public void A_state_dict_for_other_shapes_is_refused_and_changes_nothing()
    {
        var (a, b) = (Long0(), Short0());
        var adam = new Adam([a, b], new AdamOptions { Lr = 0.01 });
        Step(adam, a, b, 1);
        var other = new Adam([Long0(), new Parameter(b.Data, Short, 1)], new AdamOptions { Lr = 0.5 });
        var expBefore = adam.GetState(a)!.Buffer("exp_avg").ToArray();

        var error = Assert.Throws<ArgumentException>(() => adam.LoadStateDict(other.StateDict()));
        Assert.Contains("shape", error.Message);
        Assert.Equal(0.01, adam.ParamGroups[0].Lr);
        Assert.Equal(expBefore, adam.GetState(a)!.Buffer("exp_avg").ToArray());
    }

    [Fact]
    public void A_state_buffer_of_the_wrong_shape_is_refused()
    {
        var (a, b) = (Long0(), Short0());
        var adam = new Adam([a, b]);
        Step(adam, a, b, 1);
        var saved = adam.StateDict();
        var broken = new Dictionary<int, ParameterStateDict>(saved.State)
        {
            [0] = saved.State[0] with { Buffers = new Dictionary<string, Tensor> { ["exp_avg"] = Tensor.Zeros(3), ["exp_avg_sq"] = Tensor.Zeros(Long) } },
        };

        var error = Assert.Throws<ArgumentException>(() => adam.LoadStateDict(saved with { State = broken }));
        Assert.Contains("exp_avg", error.Message);
    }

    private static uint[] Bits(Tensor t) => t.ToArray().Select(BitConverter.SingleToUInt32Bits).ToArray();
}
