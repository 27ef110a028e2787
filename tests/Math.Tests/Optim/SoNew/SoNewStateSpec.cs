using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim.SoNew;

/// <summary>The optimizer-wide specs (AllocationSpec, StateDictSpec) for SONew's variants, over a matrix, a bias and two groups.</summary>
public sealed class SoNewStateSpec
{
    private static readonly Dictionary<string, SoNewOptions> Variants = new()
    {
        ["tridiagonal"] = new SoNewOptions { Lr = 0.01, WeightDecay = 0.01 },
        ["banded-3"] = new SoNewOptions { Lr = 0.01, Structure = SoNewStructure.Banded, Band = 3 },
        ["banded-2-no-graft-vectors-too"] = new SoNewOptions
        {
            Structure = SoNewStructure.Banded, Band = 2, AdamForVectors = false, Grafting = new GraftingOptions { Kind = GraftingKind.None },
        },
        ["tridiagonal-graft-with-its-own-momentum"] = new SoNewOptions { Grafting = new GraftingOptions { Kind = GraftingKind.Adam, Beta1 = 0.8 } },
        ["tridiagonal-normalized-rmsprop-graft"] = new SoNewOptions { Grafting = new GraftingOptions { Kind = GraftingKind.NormalizedRmsProp } },
    };

    public static TheoryData<string> Names => new(Variants.Keys);

    private static ShampooActors.Math.Optim.SoNew Create(string variant, Parameter a, Parameter b) =>
        new([new ParamGroupSpec<SoNewOptions>([a]), new ParamGroupSpec<SoNewOptions>([b], o => o with { Lr = o.Lr / 2 })], Variants[variant]);

    private static Parameter Matrix() => new(Enumerable.Range(0, 10 * 37).Select(i => MathF.Sin(i + 1f)).ToArray(), 10, 37);

    private static Parameter Bias() => new(Enumerable.Range(0, 5).Select(i => MathF.Cos(i + 1f)).ToArray(), 5);

    /// <summary>Step <paramref name="t"/> (1-based): deterministic gradients; the bias has none at step 2.</summary>
    private static void Step(Optimizer optimizer, Parameter a, Parameter b, int t)
    {
        a.Grad = Tensor.FromValues(Enumerable.Range(0, a.Length).Select(i => MathF.Sin(0.7f * i * t + t)).ToArray(), 10, 37);
        b.Grad = t == 2 ? null : Tensor.FromValues(Enumerable.Range(0, 5).Select(i => MathF.Cos(1.3f * i + t)).ToArray(), 5);
        optimizer.Step();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Steps_after_the_first_allocate_nothing(string variant)
    {
        var (a, b) = (Matrix(), Bias());
        var optimizer = Create(variant, a, b);
        var scheduler = new LrScheduler(optimizer, new CosineSchedule(100, warmupSteps: 10));
        for (var t = 1; t <= 3; t++)
        {
            Step(optimizer, a, b, t);
            scheduler.Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 0; t < 20; t++)
        {
            optimizer.Step();
            scheduler.Step();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Resuming_from_a_state_dict_after_three_steps_is_bit_identical_to_never_stopping(string variant)
    {
        var (a, b) = (Matrix(), Bias());
        var uninterrupted = Create(variant, a, b);
        for (var t = 1; t <= 5; t++)
        {
            Step(uninterrupted, a, b, t);
            if (t == 3)
                uninterrupted.ParamGroups[1].Lr *= 0.5;
        }

        var (a1, b1) = (Matrix(), Bias());
        var first = Create(variant, a1, b1);
        for (var t = 1; t <= 3; t++)
            Step(first, a1, b1, t);
        first.ParamGroups[1].Lr *= 0.5;
        var saved = first.StateDict();

        var (a2, b2) = (new Parameter(a1.Data, 10, 37), new Parameter(b1.Data, 5));
        var resumed = Create(variant, a2, b2);
        resumed.LoadStateDict(saved);
        for (var t = 4; t <= 5; t++)
            Step(resumed, a2, b2, t);

        Assert.Equal(a.Data.ToArray(), a2.Data.ToArray());
        Assert.Equal(b.Data.ToArray(), b2.Data.ToArray());
    }

    [Fact]
    public void The_state_dict_names_the_momentum_the_band_and_the_graft_buffers()
    {
        var (a, b) = (Matrix(), Bias());
        var optimizer = Create("banded-3", a, b);
        Step(optimizer, a, b, 1);
        var saved = optimizer.StateDict();

        Assert.Equal(["exp_avg", "band_diag", "band_off_1", "band_off_2", "band_off_3", "graft_exp_avg_sq"], saved.State[0].Buffers.Keys);
        Assert.Equal(["exp_avg", "exp_avg_sq"], saved.State[1].Buffers.Keys);
        Assert.All(saved.State[0].Buffers.Values, buffer => Assert.Equal([10, 37], buffer.Shape));
    }
}
