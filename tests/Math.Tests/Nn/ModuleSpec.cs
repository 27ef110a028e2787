using ShampooActors.Math.Nn;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Nn;

/// <summary>Parameter registration and dotted naming, as torch.nn.Module and nn.Sequential name them.</summary>
public sealed class ModuleSpec
{
    private static Sequential Mlp(ulong seed) =>
        new(new Linear(3, 4, new SplitMix64(seed)), new ReLU(), new Linear(4, 2, new SplitMix64(seed + 1)));

    [Fact]
    public void Sequential_names_parameters_by_layer_index_and_skips_layers_without_parameters()
    {
        var named = Mlp(1).NamedParameters().ToList();
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }, named.Select(p => p.Name));
        Assert.Equal(new[] { 4, 3 }, named[0].Parameter.ShapeArray());
        Assert.Equal(new[] { 2 }, named[3].Parameter.ShapeArray());
    }

    [Fact]
    public void Nested_modules_join_their_names_with_dots()
    {
        var model = new Sequential(new Linear(2, 2, new SplitMix64(1)), new Sequential(new Tanh(), new Linear(2, 1, new SplitMix64(2), bias: false)));
        Assert.Equal(new[] { "0.weight", "0.bias", "1.1.weight" }, model.NamedParameters().Select(p => p.Name));
        Assert.Equal(new[] { "0", "1" }, model.NamedChildren().Select(c => c.Name));
    }

    [Fact]
    public void Parameters_are_the_layers_own_tensors_and_are_counted_by_element()
    {
        var model = Mlp(1);
        var first = (Linear)model.Layers[0];
        Assert.Same(first.Weight, model.Parameters().First());
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad && p.IsLeaf));
        Assert.Equal(3 * 4 + 4 + 4 * 2 + 2, model.ParameterCount());
    }

    [Fact]
    public void Sequential_forward_applies_its_layers_in_order()
    {
        var model = Mlp(1);
        var x = new TestRandom(1).Tensor(-1, 1, 5, 3);
        var expected = model.Layers[2].Forward(model.Layers[1].Forward(model.Layers[0].Forward(x)));
        Assert.Equal(expected.ToArray(), model.Forward(x).ToArray());
        Assert.Equal(new[] { 5, 2 }, model.Forward(x).ShapeArray());
    }

    private sealed class Registering(string first, string second) : Module
    {
        public void Register()
        {
            RegisterParameter(first, new Parameter(1));
            RegisterParameter(second, new Parameter(1));
        }

        public override Tensor Forward(Tensor input) => input;
    }

    [Theory]
    [InlineData("w", "w")]
    [InlineData("w", "a.b")]
    [InlineData("w", "")]
    public void A_duplicate_empty_or_dotted_member_name_is_refused(string first, string second)
    {
        Assert.Throws<ArgumentException>(() => new Registering(first, second).Register());
    }
}
