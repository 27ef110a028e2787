using ShampooActors.Math.Nn;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Nn;

/// <summary>StateDict / LoadStateDict: copies keyed by dotted path, and a strict load that changes nothing on refusal.</summary>
public sealed class StateDictSpec
{
    private static Sequential Mlp(ulong seed) =>
        new(new Linear(3, 4, new SplitMix64(seed)), new ReLU(), new Linear(4, 2, new SplitMix64(seed + 1)));

    private static float[][] Values(Module model) => model.Parameters().Select(p => p.ToArray()).ToArray();

    [Fact]
    public void A_state_dict_loaded_into_a_differently_initialised_model_reproduces_it()
    {
        var source = Mlp(1);
        var target = Mlp(10);
        Assert.NotEqual(Values(source), Values(target));
        target.LoadStateDict(source.StateDict());
        Assert.Equal(Values(source), Values(target));
        var x = new TestRandom(1).Tensor(-1, 1, 5, 3);
        Assert.Equal(source.Forward(x).ToArray(), target.Forward(x).ToArray());
    }

    [Fact]
    public void A_state_dict_holds_copies_keyed_in_parameter_order()
    {
        var model = Mlp(1);
        var state = model.StateDict();
        Assert.Equal(model.NamedParameters().Select(p => p.Name), state.Keys);
        var before = state["0.weight"].ToArray();
        model.Parameters().First().Data.Fill(42f);
        Assert.Equal(before, state["0.weight"].ToArray());
        state["2.bias"].Data.Fill(-1f);
        Assert.DoesNotContain(-1f, model.Parameters().Last().ToArray());
    }

    private static void AssertRefusedWithoutChange(Func<Dictionary<string, Tensor>, string> corrupt)
    {
        var model = Mlp(1);
        var state = new Dictionary<string, Tensor>(Mlp(10).StateDict());
        var named = corrupt(state);
        var before = Values(model);
        var error = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Values(model));
    }

    [Fact]
    public void A_state_dict_missing_a_key_is_refused_naming_it_and_nothing_changes()
    {
        AssertRefusedWithoutChange(state =>
        {
            state.Remove("2.bias");
            return "missing [2.bias]";
        });
    }

    [Fact]
    public void A_state_dict_with_an_unexpected_key_is_refused_naming_it_and_nothing_changes()
    {
        AssertRefusedWithoutChange(state =>
        {
            state["3.weight"] = Tensor.Zeros(2, 2);
            return "unexpected [3.weight]";
        });
    }

    [Fact]
    public void A_state_dict_entry_of_the_wrong_shape_is_refused_and_no_earlier_entry_is_copied()
    {
        // The bad entry is the last parameter: a load that copied while checking would already have changed the rest.
        AssertRefusedWithoutChange(state =>
        {
            state["2.bias"] = Tensor.Zeros(3);
            return "'2.bias' has shape [3]";
        });
    }

    [Fact]
    public void A_state_dict_entry_of_the_right_size_but_another_shape_is_refused()
    {
        AssertRefusedWithoutChange(state =>
        {
            state["0.weight"] = Tensor.Zeros(3, 4);
            return "'0.weight' has shape [3, 4]";
        });
    }
}
