using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>Allocation-free steps, non-finite gradients and option validation.</summary>
public sealed class ShampooRobustnessSpec
{
    public static TheoryData<string> Modes => new("synchronous", "external");

    [Theory]
    [MemberData(nameof(Modes))]
    public void Steps_without_roots_due_allocate_nothing(string mode)
    {
        var random = new TestRandom(1);
        var weight = new Parameter(random.Floats(300 * 20, -1, 1), 300, 20);
        var conv = new Parameter(random.Floats(3 * 4 * 5 * 6, -1, 1), 3, 4, 5, 6);
        var bias = new Parameter(random.Floats(20, -1, 1), 20);
        weight.Grad = random.Tensor(-1, 1, 300, 20);
        conv.Grad = random.Tensor(-1, 1, 3, 4, 5, 6);
        bias.Grad = random.Tensor(-1, 1, 20);
        var optimizer = new Shampoo([weight, conv, bias], new ShampooOptions
        {
            PreconditionEvery = 1000,
            StartPreconditioningStep = 1,
            Blocking = new BlockingOptions { BlockSize = 64, MergeDimsThreshold = 16 },
            Grafting = new GraftingOptions { Kind = GraftingKind.Adam, Norm = GraftNorm.Block },
            WeightDecay = new WeightDecayOptions { Value = 0.1, Decoupled = false },
        })
        { Mode = mode == "external" ? RootComputation.External : RootComputation.Synchronous };
        for (var t = 0; t < 3; t++)
            optimizer.Step();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 0; t < 20; t++)
            optimizer.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_gradient_holding_NaN_skips_the_statistics_update_and_is_counted()
    {
        var p = new Parameter(new float[12], 3, 4);
        var optimizer = new Shampoo([p], new ShampooOptions { Blocking = new BlockingOptions { MergeDimsThreshold = 1 } });
        p.Grad = Tensor.Full(0.5f, 3, 4);
        optimizer.Step();
        var statistic = optimizer.GetState(p)!.Buffer("block0.statistics0").ToArray();

        var bad = Tensor.Full(0.5f, 3, 4);
        bad.Data[5] = float.NaN;
        p.Grad = bad;
        optimizer.Step();

        Assert.Equal(statistic, optimizer.GetState(p)!.Buffer("block0.statistics0").ToArray());
        Assert.Equal(1, optimizer.RootStatistics.SkippedStatisticsUpdates);
    }

    public static TheoryData<string, string> BadOptions => new()
    {
        { "blocking.block-size", "block size 0" },
        { "beta2", "beta2 0" },
        { "beta2", "beta2 1.5" },
        { "grafting.epsilon", "graft eps -1" },
        { "momentum.beta1", "momentum 1" },
        { "precondition-every", "precondition every 0" },
        { "statistics-every", "statistics every 0" },
        { "start-preconditioning-step", "start -1" },
        { "exponent-override", "exponent -2" },
        { "weight-decay.value", "decay -0.1" },
        { "ridge", "ridge 0" },
        { "retries", "retries 6" },
        { "lr", "lr -1" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Options_out_of_range_are_refused_naming_the_option(string option, string which)
    {
        var options = which switch
        {
            "block size 0" => new ShampooOptions { Blocking = new BlockingOptions { BlockSize = 0 } },
            "beta2 0" => new ShampooOptions { Beta2 = 0 },
            "beta2 1.5" => new ShampooOptions { Beta2 = 1.5 },
            "graft eps -1" => new ShampooOptions { Grafting = new GraftingOptions { Epsilon = -1 } },
            "momentum 1" => new ShampooOptions { Momentum = new MomentumOptions { Beta1 = 1 } },
            "precondition every 0" => new ShampooOptions { PreconditionEvery = 0 },
            "statistics every 0" => new ShampooOptions { StatisticsEvery = 0 },
            "start -1" => new ShampooOptions { StartPreconditioningStep = -1 },
            "exponent -2" => new ShampooOptions { ExponentOverride = -2 },
            "decay -0.1" => new ShampooOptions { WeightDecay = new WeightDecayOptions { Value = -0.1 } },
            "ridge 0" => new ShampooOptions { Roots = new ShampooActors.Math.Linalg.RootOptions { Ridge = 0 } },
            "retries 6" => new ShampooOptions { Roots = new ShampooActors.Math.Linalg.RootOptions { Retries = 6 } },
            "lr -1" => new ShampooOptions { Lr = -1 },
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        var error = Assert.Throws<InvalidOptionsException>(() => new Shampoo([new Parameter(4, 4)], options));
        Assert.Equal(option, error.Option);
    }
}
