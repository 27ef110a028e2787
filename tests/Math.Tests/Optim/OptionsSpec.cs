using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class OptionsSpec
{
    private static Parameter[] P() => [new([1f], 1)];

    public static TheoryData<string, Action> InvalidOptions => new()
    {
        { "Lr", () => new Sgd(P(), new SgdOptions { Lr = -0.1 }) },
        { "Momentum", () => new Sgd(P(), new SgdOptions { Momentum = -0.9 }) },
        { "WeightDecay", () => new Sgd(P(), new SgdOptions { WeightDecay = -1 }) },
        { "Nesterov", () => new Sgd(P(), new SgdOptions { Nesterov = true }) },
        { "Nesterov", () => new Sgd(P(), new SgdOptions { Nesterov = true, Momentum = 0.9, Dampening = 0.1 }) },
        { "Lr", () => new Adam(P(), new AdamOptions { Lr = double.NaN }) },
        { "Beta1", () => new Adam(P(), new AdamOptions { Beta1 = 1 }) },
        { "Beta2", () => new Adam(P(), new AdamOptions { Beta2 = -0.5 }) },
        { "Eps", () => new Adam(P(), new AdamOptions { Eps = -1e-8 }) },
        { "WeightDecay", () => new Adam(P(), new AdamOptions { WeightDecay = -0.1 }) },
        { "Beta2", () => new AdamW(P(), new AdamWOptions { Beta2 = 1.5 }) },
        { "WeightDecay", () => new AdamW(P(), new AdamWOptions { WeightDecay = -1e-2 }) },
        { "LrDecay", () => new Adagrad(P(), new AdagradOptions { LrDecay = -1 }) },
        { "InitialAccumulatorValue", () => new Adagrad(P(), new AdagradOptions { InitialAccumulatorValue = -0.1 }) },
        { "Eps", () => new Adagrad(P(), new AdagradOptions { Eps = -1 }) },
        { "Alpha", () => new RmsProp(P(), new RmsPropOptions { Alpha = -0.1 }) },
        { "Momentum", () => new RmsProp(P(), new RmsPropOptions { Momentum = -0.5 }) },
        { "Eps", () => new RmsProp(P(), new RmsPropOptions { Eps = double.PositiveInfinity }) },
        { "Lr", () => new Adam([new ParamGroupSpec<AdamOptions>(P(), o => o with { Lr = -1 })]) },
        { "AnnealSteps", () => new CosineSchedule(0) },
        { "MinFactor", () => new CosineSchedule(10, minFactor: -0.1) },
        { "WarmupSteps", () => new LinearWarmupSchedule(-1) },
        { "FinalFactor", () => new LinearDecaySchedule(10, finalFactor: double.NaN) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void An_invalid_option_is_refused_with_its_name_on_one_line(string option, Action create)
    {
        var error = Assert.Throws<InvalidOptionsException>(create);
        Assert.Equal(option, error.Option);
        Assert.Contains(option, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    [Fact]
    public void Defaults_are_pytorchs()
    {
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.0, false), Adam(new AdamOptions()));
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 1e-2, false), AdamW(new AdamWOptions()));
        Assert.Equal(new AdagradOptions { Lr = 1e-2, LrDecay = 0, WeightDecay = 0, InitialAccumulatorValue = 0, Eps = 1e-10 }, new AdagradOptions());
        Assert.Equal(new RmsPropOptions { Lr = 1e-2, Alpha = 0.99, Eps = 1e-8, WeightDecay = 0, Momentum = 0, Centered = false }, new RmsPropOptions());
        Assert.Equal(new SgdOptions { Lr = 1e-3, Momentum = 0, Dampening = 0, WeightDecay = 0, Nesterov = false }, new SgdOptions());

        static (double, double, double, double, double, bool) Adam(AdamOptions o) => (o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay, o.Amsgrad);
        static (double, double, double, double, double, bool) AdamW(AdamWOptions o) => (o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay, o.Amsgrad);
    }
}
