using ShampooActors.Math.Linalg;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host;

/// <summary>Builds the optimizer and learning-rate schedule a <see cref="TrainOptions"/> asks for.</summary>
internal static class OptimizerFactory
{
    /// <summary>The optimizer kinds the CLI offers.</summary>
    public static readonly string[] Kinds = ["sgd", "adam", "adamw", "adagrad", "rmsprop", "shampoo"];

    /// <summary>The schedule kinds the CLI offers.</summary>
    public static readonly string[] Schedules = ["constant", "warmup", "cosine", "linear"];

    /// <summary>The optimizer over <paramref name="parameters"/>; an option that does not apply to the kind is an error.</summary>
    public static Optimizer Create(TrainOptions o, IEnumerable<Parameter> parameters)
    {
        RejectInapplicable(o);
        return o.Optimizer switch
        {
            "sgd" => new Sgd(parameters, new SgdOptions
            {
                Lr = o.Lr ?? new SgdOptions().Lr,
                Momentum = o.Momentum ?? 0,
                Dampening = o.Dampening ?? 0,
                Nesterov = o.Nesterov ?? false,
                WeightDecay = o.WeightDecay ?? 0,
            }),
            "adam" => new Adam(parameters, Apply(new AdamOptions(), o)),
            "adamw" => new AdamW(parameters, Apply(new AdamWOptions(), o)),
            "adagrad" => new Adagrad(parameters, new AdagradOptions
            {
                Lr = o.Lr ?? new AdagradOptions().Lr,
                LrDecay = o.LrDecay ?? 0,
                WeightDecay = o.WeightDecay ?? 0,
                InitialAccumulatorValue = o.InitialAccumulatorValue ?? 0,
                Eps = o.Eps ?? new AdagradOptions().Eps,
            }),
            "rmsprop" => new RmsProp(parameters, new RmsPropOptions
            {
                Lr = o.Lr ?? new RmsPropOptions().Lr,
                Alpha = o.Alpha ?? new RmsPropOptions().Alpha,
                Eps = o.Eps ?? new RmsPropOptions().Eps,
                WeightDecay = o.WeightDecay ?? 0,
                Momentum = o.Momentum ?? 0,
                Centered = o.Centered ?? false,
            }),
            "shampoo" => new Shampoo(parameters, ShampooOptionsFor(o)),
            _ => throw new UsageException($"--optimizer {o.Optimizer} is unknown; choose one of {string.Join(", ", Kinds)}"),
        };
    }

    /// <summary>The Shampoo options <paramref name="o"/> asks for: its flags over <see cref="ShampooOptions"/>' defaults.</summary>
    public static ShampooOptions ShampooOptionsFor(TrainOptions o)
    {
        var d = new ShampooOptions();
        return d with
        {
            Lr = o.Lr ?? d.Lr,
            Beta2 = o.Beta2 ?? d.Beta2,
            StatisticsEvery = o.StatisticsEvery ?? d.StatisticsEvery,
            PreconditionEvery = o.PreconditionEvery ?? d.PreconditionEvery,
            StartPreconditioningStep = o.StartPreconditioningStep ?? d.StartPreconditioningStep,
            ExponentOverride = o.ExponentOverride ?? d.ExponentOverride,
            BiasCorrection = o.BiasCorrection ?? d.BiasCorrection,
            Blocking = d.Blocking with
            {
                BlockSize = o.BlockSize ?? d.Blocking.BlockSize,
                MergeDimsThreshold = o.MergeDimsThreshold ?? d.Blocking.MergeDimsThreshold,
                MaxPreconditionerDim = o.MaxPreconditionerDim ?? d.Blocking.MaxPreconditionerDim,
            },
            Grafting = d.Grafting with
            {
                Kind = o.Graft is { } kind ? EnumNames.Parse<GraftingKind>(kind, "--graft") : d.Grafting.Kind,
                Norm = o.GraftNorm is { } norm ? EnumNames.Parse<GraftNorm>(norm, "--graft-norm") : d.Grafting.Norm,
                Epsilon = o.GraftEps ?? d.Grafting.Epsilon,
                Beta1 = o.GraftBeta1 ?? d.Grafting.Beta1,
                Beta2 = o.GraftBeta2 ?? d.Grafting.Beta2,
            },
            Roots = d.Roots with
            {
                Method = o.RootMethod is { } method ? EnumNames.Parse<RootMethod>(method, "--root-method") : d.Roots.Method,
                Ridge = o.RootRidge ?? d.Roots.Ridge,
                RidgeKind = o.RidgeKind is { } ridgeKind ? EnumNames.Parse<RidgeKind>(ridgeKind, "--ridge-kind") : d.Roots.RidgeKind,
                Retries = o.RootRetries ?? d.Roots.Retries,
            },
            Momentum = d.Momentum with { Beta1 = o.Momentum ?? d.Momentum.Beta1, Nesterov = o.Nesterov ?? d.Momentum.Nesterov },
            WeightDecay = d.WeightDecay with
            {
                Value = o.WeightDecay ?? d.WeightDecay.Value,
                Decoupled = o.CoupledWeightDecay is { } coupled ? !coupled : d.WeightDecay.Decoupled,
            },
        };
    }

    /// <summary>
    /// The command-line flag of an option named by an <see cref="InvalidOptionsException"/> of <paramref name="optimizer"/>:
    /// Shampoo's nested names (<c>blocking.block-size</c>, root options' <c>ridge</c>) map to their flags, others are kebab-cased.
    /// </summary>
    public static string FlagOf(string optimizer, string option)
    {
        if (optimizer == "shampoo")
        {
            if (ShampooFlags.TryGetValue(option, out var flag))
                return flag;
            // Root options may be named with or without their record's prefix.
            var last = option[(option.LastIndexOf('.') + 1)..];
            if (option.StartsWith("roots.", StringComparison.Ordinal) && ShampooFlags.TryGetValue(last, out flag))
                return flag;
        }
        return "--" + TrainingRun.Flag(option);
    }

    private static readonly Dictionary<string, string> ShampooFlags = new()
    {
        ["lr"] = "--lr",
        ["beta2"] = "--beta2",
        ["statistics-every"] = "--statistics-every",
        ["precondition-every"] = "--precondition-every",
        ["start-preconditioning-step"] = "--start-preconditioning-step",
        ["exponent-override"] = "--exponent-override",
        ["blocking.block-size"] = "--block-size",
        ["blocking.merge-dims-threshold"] = "--merge-dims-threshold",
        ["blocking.max-preconditioner-dim"] = "--max-preconditioner-dim",
        ["grafting.kind"] = "--graft",
        ["grafting.norm"] = "--graft-norm",
        ["grafting.epsilon"] = "--graft-eps",
        ["grafting.beta1"] = "--graft-beta1",
        ["grafting.beta2"] = "--graft-beta2",
        ["momentum.beta1"] = "--momentum",
        ["weight-decay.value"] = "--weight-decay",
        ["method"] = "--root-method",
        ["ridge"] = "--root-ridge",
        ["ridge-kind"] = "--ridge-kind",
        ["retries"] = "--root-retries",
    };

    private static AdamOptions Apply(AdamOptions d, TrainOptions o) => d with
    {
        Lr = o.Lr ?? d.Lr, Beta1 = o.Beta1 ?? d.Beta1, Beta2 = o.Beta2 ?? d.Beta2, Eps = o.Eps ?? d.Eps,
        WeightDecay = o.WeightDecay ?? d.WeightDecay, Amsgrad = o.Amsgrad ?? d.Amsgrad,
    };

    private static AdamWOptions Apply(AdamWOptions d, TrainOptions o) => d with
    {
        Lr = o.Lr ?? d.Lr, Beta1 = o.Beta1 ?? d.Beta1, Beta2 = o.Beta2 ?? d.Beta2, Eps = o.Eps ?? d.Eps,
        WeightDecay = o.WeightDecay ?? d.WeightDecay, Amsgrad = o.Amsgrad ?? d.Amsgrad,
    };

    /// <summary>The schedule for a run of <paramref name="steps"/> steps (the warm-up counts towards them).</summary>
    public static LrSchedule Schedule(TrainOptions o, long steps)
    {
        if (o.WarmupSteps != 0 && o.Schedule is not ("warmup" or "cosine"))
            throw new UsageException($"--warmup-steps applies to --schedule warmup or cosine, not {o.Schedule}");
        if (o.FinalLrFactor != 0 && o.Schedule is not ("cosine" or "linear"))
            throw new UsageException($"--final-lr-factor applies to --schedule cosine or linear, not {o.Schedule}");
        return o.Schedule switch
        {
            "constant" => new ConstantSchedule(),
            "warmup" when o.WarmupSteps < 1 => throw new UsageException("--schedule warmup needs --warmup-steps of at least 1"),
            "warmup" => new LinearWarmupSchedule(o.WarmupSteps),
            "cosine" when o.WarmupSteps >= steps => throw new UsageException($"--warmup-steps {o.WarmupSteps} leaves no steps of the {steps} for the cosine"),
            "cosine" => new CosineSchedule(steps - o.WarmupSteps, o.FinalLrFactor, o.WarmupSteps),
            "linear" => new LinearDecaySchedule(steps, o.FinalLrFactor),
            _ => throw new UsageException($"--schedule {o.Schedule} is unknown; choose one of {string.Join(", ", Schedules)}"),
        };
    }

    private static void RejectInapplicable(TrainOptions o)
    {
        var given = new (string Flag, bool Set, string[] Kinds)[]
        {
            ("--momentum", o.Momentum.HasValue, ["sgd", "rmsprop", "shampoo"]),
            ("--dampening", o.Dampening.HasValue, ["sgd"]),
            ("--nesterov", o.Nesterov.HasValue, ["sgd", "shampoo"]),
            ("--beta1", o.Beta1.HasValue, ["adam", "adamw"]),
            ("--beta2", o.Beta2.HasValue, ["adam", "adamw", "shampoo"]),
            ("--amsgrad", o.Amsgrad.HasValue, ["adam", "adamw"]),
            ("--eps", o.Eps.HasValue, ["adam", "adamw", "adagrad", "rmsprop"]),
            ("--alpha", o.Alpha.HasValue, ["rmsprop"]),
            ("--centered", o.Centered.HasValue, ["rmsprop"]),
            ("--lr-decay", o.LrDecay.HasValue, ["adagrad"]),
            ("--initial-accumulator-value", o.InitialAccumulatorValue.HasValue, ["adagrad"]),
            ("--coupled-weight-decay", o.CoupledWeightDecay.HasValue, ["shampoo"]),
            ("--block-size", o.BlockSize.HasValue, ["shampoo"]),
            ("--merge-dims-threshold", o.MergeDimsThreshold.HasValue, ["shampoo"]),
            ("--max-preconditioner-dim", o.MaxPreconditionerDim.HasValue, ["shampoo"]),
            ("--statistics-every", o.StatisticsEvery.HasValue, ["shampoo"]),
            ("--precondition-every", o.PreconditionEvery.HasValue, ["shampoo"]),
            ("--start-preconditioning-step", o.StartPreconditioningStep.HasValue, ["shampoo"]),
            ("--exponent-override", o.ExponentOverride.HasValue, ["shampoo"]),
            ("--bias-correction", o.BiasCorrection.HasValue, ["shampoo"]),
            ("--graft", o.Graft is not null, ["shampoo"]),
            ("--graft-norm", o.GraftNorm is not null, ["shampoo"]),
            ("--graft-eps", o.GraftEps.HasValue, ["shampoo"]),
            ("--graft-beta1", o.GraftBeta1.HasValue, ["shampoo"]),
            ("--graft-beta2", o.GraftBeta2.HasValue, ["shampoo"]),
            ("--root-method", o.RootMethod is not null, ["shampoo"]),
            ("--root-ridge", o.RootRidge.HasValue, ["shampoo"]),
            ("--ridge-kind", o.RidgeKind is not null, ["shampoo"]),
            ("--root-retries", o.RootRetries.HasValue, ["shampoo"]),
        };
        foreach (var (flag, set, kinds) in given)
        {
            if (set && !kinds.Contains(o.Optimizer))
                throw new UsageException($"{flag} does not apply to --optimizer {o.Optimizer} (it applies to {string.Join(", ", kinds)})");
        }
    }
}
