using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim.SoNew;

public sealed class SoNewOptionsSpec
{
    public static TheoryData<string, SoNewOptions> Invalid => new()
    {
        { "lr", new SoNewOptions { Lr = -1e-3 } },
        { "band", new SoNewOptions { Band = 0 } },
        { "band", new SoNewOptions { Structure = SoNewStructure.Banded, Band = -2 } },
        { "beta1", new SoNewOptions { Beta1 = 1 } },
        { "beta1", new SoNewOptions { Beta1 = -0.1 } },
        { "beta2", new SoNewOptions { Beta2 = 1 } },
        { "beta2", new SoNewOptions { Beta2 = double.NaN } },
        { "epsilon", new SoNewOptions { Epsilon = -1e-8 } },
        { "weight-decay", new SoNewOptions { WeightDecay = -0.1 } },
        { "grafting.beta2", new SoNewOptions { Grafting = new GraftingOptions { Kind = GraftingKind.Adam, Beta2 = 1.5 } } },
        { "grafting.norm", new SoNewOptions { Grafting = new GraftingOptions { Kind = GraftingKind.Adam, Norm = GraftNorm.Block } } },
        { "structure", new SoNewOptions { Structure = (SoNewStructure)7 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_out_of_range_option_is_refused_naming_it(string option, SoNewOptions options)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new ShampooActors.Math.Optim.SoNew([new Parameter(2, 2)], options));

        Assert.Equal(option, error.Option);
        Assert.Contains($"SoNew option {option} =", error.Message);
    }

    [Fact]
    public void The_defaults_are_those_of_the_algorithm_notes()
    {
        var options = new SoNewOptions();

        Assert.Equal((1e-3, SoNewStructure.Tridiagonal, 3, 0.9, 0.99, 1e-8, 0.0, true),
            (options.Lr, options.Structure, options.Band, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay, options.AdamForVectors));
        Assert.Equal(GraftingKind.Adam, options.Grafting.Kind);
        Assert.Equal(GraftNorm.Parameter, options.Grafting.Norm);
        options.Validate();
    }
}
