using ShampooActors.Math.Linalg;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>Trajectories of the float32 optimizer against the float64 transcription of ALGORITHMS.md §1, option by option.</summary>
public sealed class ShampooReferenceSpec
{
    /// <summary>
    /// θ and every update are O(0.1–1). The optimizer rounds statistics and products to float32 (relative 6e-8 per
    /// operation, a few hundred operations per entry) and its roots come from float32 statistics of condition ≲ 1e3, which
    /// costs up to ~1e-5 relative in a root; 2e-4 leaves margin for that and still fails a wrong rule, which moves θ by
    /// a sizeable fraction of an update (≥ 1e-2).
    /// </summary>
    private const double Tolerance = 2e-4;

    private static readonly ShampooOptions Base = new()
    {
        Lr = 0.1,
        StartPreconditioningStep = 2,
        PreconditionEvery = 2,
        Blocking = new BlockingOptions { BlockSize = 3 },
    };

    public static TheoryData<string> Variants => new(VariantOptions.Keys);

    private static readonly Dictionary<string, ShampooOptions> VariantOptions = new()
    {
        ["defaults (adagrad graft, Nesterov)"] = Base,
        ["sgd graft, heavy ball"] = Base with { Grafting = new GraftingOptions { Kind = GraftingKind.Sgd }, Momentum = new MomentumOptions { Nesterov = false } },
        ["no graft, no momentum"] = Base with { Lr = 0.01, Grafting = new GraftingOptions { Kind = GraftingKind.None }, Momentum = new MomentumOptions { Beta1 = 0 } },
        ["rmsprop graft per block"] = Base with { Grafting = new GraftingOptions { Kind = GraftingKind.RmsProp, Norm = GraftNorm.Block, Beta2 = 0.9 } },
        ["adam graft"] = Base with { Grafting = new GraftingOptions { Kind = GraftingKind.Adam, Beta2 = 0.95 } },
        ["normalized adagrad graft"] = Base with { Grafting = new GraftingOptions { Kind = GraftingKind.NormalizedAdagrad } },
        ["normalized rmsprop graft per block"] = Base with { Grafting = new GraftingOptions { Kind = GraftingKind.NormalizedRmsProp, Norm = GraftNorm.Block } },
        ["EMA statistics with bias correction"] = Base with { Beta2 = 0.9, BiasCorrection = true },
        ["statistics every 2, roots every 3, start at 4"] = Base with { StatisticsEvery = 2, PreconditionEvery = 3, StartPreconditioningStep = 4 },
        ["exponent override 2"] = Base with { ExponentOverride = 2 },
        ["decoupled weight decay"] = Base with { WeightDecay = new WeightDecayOptions { Value = 0.5 } },
        ["coupled weight decay"] = Base with { WeightDecay = new WeightDecayOptions { Value = 0.5, Decoupled = false } },
        ["absolute ridge"] = Base with { Roots = new RootOptions { Ridge = 1e-3, RidgeKind = RidgeKind.Absolute } },
        ["rows longer than max-preconditioner-dim"] = Base with { Blocking = new BlockingOptions { BlockSize = 3, MaxPreconditionerDim = 5 } },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_matrix_parameter_follows_the_float64_reference(string variant)
    {
        var options = VariantOptions[variant];
        AssertFollowsReference(options, 6, 5, steps: 8);
    }

    [Fact]
    public void A_vector_parameter_gets_one_factor_per_block_with_the_root_exponent_two()
    {
        AssertFollowsReference(Base, 1, 7, steps: 8);
    }

    [Fact]
    public void A_learning_rate_schedule_sets_each_steps_lr()
    {
        AssertFollowsReference(Base, 6, 5, steps: 8, o => new LrScheduler(o, new CosineSchedule(8, 0.1, warmupSteps: 3)));
    }

    [Fact]
    public void A_group_marked_diagonal_takes_the_grafted_update_alone()
    {
        // The reference preconditions no dim when both exceed max-preconditioner-dim: the graft alone, as Diagonal asks.
        var random = new TestRandom(4);
        var theta0 = random.Doubles(30, -1, 1).Select(x => (double)(float)x).ToArray();
        var p = new Parameter(theta0.Select(x => (float)x).ToArray(), 6, 5);
        var other = new Parameter(4, 4);
        var optimizer = new Shampoo([new ParamGroupSpec<ShampooOptions>([other]),
            new ParamGroupSpec<ShampooOptions>([p], o => o with { Blocking = o.Blocking with { Diagonal = true } })], Base);
        var reference = new ReferenceShampoo(theta0, 6, 5, Base with { Blocking = new BlockingOptions { BlockSize = 3, MaxPreconditionerDim = 1 } });
        for (var t = 1; t <= 5; t++)
        {
            var g = random.Doubles(30, -1, 1).Select(x => (double)(float)x).ToArray();
            p.Grad = Tensor.FromValues(g.Select(x => (float)x).ToArray(), 6, 5);
            optimizer.Step();
            reference.Step(g, Base.Lr);
            OptimFixture.AssertClose(reference.Theta, p.Data, $"step {t}", Tolerance);
        }
        Assert.DoesNotContain(optimizer.Blocks, b => b.ParameterIndex == 1);
    }

    private static void AssertFollowsReference(ShampooOptions options, int rows, int cols, int steps, Func<Optimizer, LrScheduler>? schedule = null)
    {
        var random = new TestRandom(17);
        var theta0 = random.Doubles(rows * cols, -1, 1).Select(x => (double)(float)x).ToArray();
        var shape = rows == 1 ? new[] { cols } : new[] { rows, cols };
        var p = new Parameter(theta0.Select(x => (float)x).ToArray(), shape);
        var optimizer = new Shampoo([p], options);
        var scheduler = schedule?.Invoke(optimizer);
        var reference = new ReferenceShampoo(theta0, rows, cols, options);
        for (var t = 1; t <= steps; t++)
        {
            var g = random.Doubles(rows * cols, -1, 1).Select(x => (double)(float)x).ToArray();
            p.Grad = Tensor.FromValues(g.Select(x => (float)x).ToArray(), shape);
            var lr = optimizer.ParamGroups[0].Lr;
            optimizer.Step();
            scheduler?.Step();
            reference.Step(g, lr);
            OptimFixture.AssertClose(reference.Theta, p.Data, $"step {t}", Tolerance);
        }
    }
}
