using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class NeumannOptionsSpec
{
    private static Parameter[] P() => [new([1f], 1)];

    public static TheoryData<string, NeumannOptions> InvalidOptions => new()
    {
        { "lr", new NeumannOptions { Lr = -0.01 } },
        { "lr", new NeumannOptions { Lr = double.NaN } },
        { "alpha", new NeumannOptions { Alpha = -1e-7 } },
        { "beta-per-scalar", new NeumannOptions { BetaPerScalar = double.PositiveInfinity } },
        { "gamma", new NeumannOptions { Gamma = 1 } },
        { "mu-min", new NeumannOptions { MuMin = -0.1 } },
        { "mu-max", new NeumannOptions { MuMax = 1 } },
        { "mu-min", new NeumannOptions { MuMin = 0.95 } },
        { "epoch-steps", new NeumannOptions { EpochSteps = 0 } },
        { "warmup-epochs", new NeumannOptions { WarmupEpochs = -1 } },
        { "reset-epochs", new NeumannOptions { ResetEpochs = 0 } },
        { "distance-guard", new NeumannOptions { DistanceGuard = 0 } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void An_invalid_option_is_refused_with_its_name_on_one_line(string option, NeumannOptions options)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new Neumann(P(), options));
        Assert.Equal(option, error.Option);
        Assert.Contains($"Neumann option {option} = ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_group_override_is_validated_too()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new Neumann([new ParamGroupSpec<NeumannOptions>(P(), o => o with { Gamma = -1 })]));
        Assert.Equal("gamma", error.Option);
    }

    [Fact]
    public void Defaults_are_the_papers_constants_with_100_step_epochs()
    {
        Assert.Equal(new NeumannOptions
        {
            Lr = 0.01,
            Alpha = 1e-7,
            BetaPerScalar = 1e-5,
            Gamma = 0.99,
            MuMin = 0.5,
            MuMax = 0.9,
            EpochSteps = 100,
            WarmupEpochs = 5,
            ResetEpochs = 10,
            DistanceGuard = 1e-12,
        }, new NeumannOptions());
    }
}
