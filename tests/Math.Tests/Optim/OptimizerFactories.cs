using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>One optimizer per kind and main variant, over two groups, for specs that hold for every optimizer.</summary>
internal static class OptimizerFactories
{
    /// <summary>The variant names, for xunit theories.</summary>
    public static TheoryData<string> Names => new(Kinds.Keys);

    /// <summary>Builds variant <paramref name="name"/> over groups {<paramref name="a"/>} and {<paramref name="b"/>}; the second group's lr is halved.</summary>
    public static Optimizer Create(string name, Parameter a, Parameter b) => Kinds[name](a, b);

    private static readonly Dictionary<string, Func<Parameter, Parameter, Optimizer>> Kinds = new()
    {
        ["sgd-nesterov"] = (a, b) => new Sgd(Groups<SgdOptions>(a, b), new SgdOptions { Lr = 0.1, Momentum = 0.9, Nesterov = true, WeightDecay = 0.01 }),
        ["sgd-dampened"] = (a, b) => new Sgd(Groups<SgdOptions>(a, b), new SgdOptions { Lr = 0.1, Momentum = 0.9, Dampening = 0.1 }),
        ["adam"] = (a, b) => new Adam(Groups<AdamOptions>(a, b), new AdamOptions { Lr = 0.01, WeightDecay = 0.01 }),
        ["adam-amsgrad"] = (a, b) => new Adam(Groups<AdamOptions>(a, b), new AdamOptions { Lr = 0.01, Amsgrad = true }),
        ["adamw"] = (a, b) => new AdamW(Groups<AdamWOptions>(a, b), new AdamWOptions { Lr = 0.01 }),
        ["adagrad"] = (a, b) => new Adagrad(Groups<AdagradOptions>(a, b), new AdagradOptions { LrDecay = 0.01, InitialAccumulatorValue = 0.1 }),
        ["rmsprop"] = (a, b) => new RmsProp(Groups<RmsPropOptions>(a, b)),
        ["rmsprop-centered-momentum"] = (a, b) => new RmsProp(Groups<RmsPropOptions>(a, b), new RmsPropOptions { Momentum = 0.9, Centered = true }),
        // Small blocks, roots from step 2 on: three steps already hold statistics, roots, versions, graft state and momentum.
        ["shampoo"] = (a, b) => new Shampoo(Groups<ShampooOptions>(a, b), new ShampooOptions
        {
            Lr = 0.01, PreconditionEvery = 2, StartPreconditioningStep = 2, Blocking = new BlockingOptions { BlockSize = 8 },
        }),
        ["shampoo-adam-graft-ema-coupled-decay"] = (a, b) => new Shampoo(Groups<ShampooOptions>(a, b), new ShampooOptions
        {
            Lr = 0.01, Beta2 = 0.99, BiasCorrection = true, PreconditionEvery = 2, StartPreconditioningStep = 1,
            Blocking = new BlockingOptions { BlockSize = 8 },
            Grafting = new GraftingOptions { Kind = GraftingKind.Adam, Norm = GraftNorm.Block },
            WeightDecay = new WeightDecayOptions { Value = 0.01, Decoupled = false },
        }),
    };

    /// <summary>The variants whose every step is elementwise work only (no root computations), for allocation specs.</summary>
    public static TheoryData<string> ElementwiseNames => new(Kinds.Keys.Where(k => !k.StartsWith("shampoo", StringComparison.Ordinal)));

    private static ParamGroupSpec<T>[] Groups<T>(Parameter a, Parameter b) where T : OptimizerOptions =>
        [new([a]), new([b], o => o with { Lr = o.Lr / 2 })];
}
