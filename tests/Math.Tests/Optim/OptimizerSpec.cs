using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class OptimizerSpec
{
    private static Parameter Param(params float[] values) => new(values, values.Length);

    private static Tensor Grad(params float[] values) => Tensor.FromValues(values, values.Length);

    [Fact]
    public void Parameters_without_gradient_are_skipped_and_get_no_state()
    {
        var stepped = Param(1f, 2f);
        var idle = Param(3f, 4f);
        var adam = new Adam([stepped, idle], new AdamOptions { Lr = 0.1 });
        stepped.Grad = Grad(0.5f, -0.5f);
        adam.Step();
        adam.Step();

        Assert.Equal([3f, 4f], idle.ToArray());
        Assert.Null(adam.GetState(idle));
        Assert.Equal(2, adam.GetState(stepped)!.Step);
    }

    [Fact]
    public void A_parameter_stepped_late_starts_its_own_step_count()
    {
        var early = Param(1f, 2f);
        var late = Param(3f, 4f);
        var adam = new Adam([early, late], new AdamOptions { Lr = 0.1 });
        early.Grad = Grad(0.5f, -0.5f);
        adam.Step();
        late.Grad = Grad(0.25f, 0.75f);
        adam.Step();

        var fresh = Param(3f, 4f);
        var reference = new Adam([fresh], new AdamOptions { Lr = 0.1 });
        fresh.Grad = Grad(0.25f, 0.75f);
        reference.Step();
        Assert.Equal(1, adam.GetState(late)!.Step);
        Assert.Equal(fresh.ToArray(), late.ToArray());
    }

    [Fact]
    public void Param_groups_step_with_their_own_learning_rate()
    {
        var slow = Param(1f);
        var fast = Param(1f);
        var sgd = new Sgd(
            [new ParamGroupSpec<SgdOptions>([slow]), new ParamGroupSpec<SgdOptions>([fast], o => o with { Lr = 0.5 })],
            new SgdOptions { Lr = 0.1 });
        slow.Grad = Grad(1f);
        fast.Grad = Grad(1f);
        sgd.Step();

        Assert.Equal(0.9f, slow.Data[0]);
        Assert.Equal(0.5f, fast.Data[0]);
        Assert.Equal([0.1, 0.5], sgd.ParamGroups.Select(g => g.Lr));
    }

    [Fact]
    public void Group_overrides_keep_the_other_defaults()
    {
        var adam = new Adam(
            [new ParamGroupSpec<AdamOptions>([Param(1f)], o => o with { Lr = 0.5 })],
            new AdamOptions { Beta1 = 0.7, Amsgrad = true });
        var options = (AdamOptions)adam.ParamGroups[0].Options;

        Assert.Equal(new AdamOptions { Lr = 0.5, Beta1 = 0.7, Amsgrad = true }, options);
        Assert.Equal(1e-3, adam.Defaults.Lr);
    }

    [Fact]
    public void Changing_a_group_lr_changes_the_next_step()
    {
        var p = Param(1f);
        var sgd = new Sgd([p], new SgdOptions { Lr = 0.1 });
        sgd.ParamGroups[0].Lr = 0.25;
        p.Grad = Grad(2f);
        sgd.Step();

        Assert.Equal(0.5f, p.Data[0]);
    }

    [Fact]
    public void ZeroGrad_clears_gradients_to_null_or_to_zeros()
    {
        var a = Param(1f, 2f);
        var b = Param(3f);
        var sgd = new Sgd([a, b]);
        a.Grad = Grad(1f, 1f);
        b.Grad = Grad(1f);
        sgd.ZeroGrad(setToNone: false);
        Assert.Equal([0f, 0f], a.Grad!.ToArray());

        sgd.ZeroGrad();
        Assert.Null(a.Grad);
        Assert.Null(b.Grad);
    }

    [Fact]
    public void A_parameter_in_two_groups_is_refused()
    {
        var p = Param(1f);
        Assert.Throws<ArgumentException>(() => new Sgd([new ParamGroupSpec<SgdOptions>([p]), new ParamGroupSpec<SgdOptions>([p])]));
    }

    [Fact]
    public void An_empty_parameter_list_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Adam(Array.Empty<Parameter>()));

    [Fact]
    public void A_negative_group_lr_is_refused()
    {
        var sgd = new Sgd([Param(1f)]);
        var error = Assert.Throws<InvalidOptionsException>(() => sgd.ParamGroups[0].Lr = -1);
        Assert.Equal("Lr", error.Option);
    }
}
