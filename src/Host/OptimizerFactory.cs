using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host;

/// <summary>Builds the optimizer and learning-rate schedule a <see cref="TrainOptions"/> asks for.</summary>
internal static class OptimizerFactory
{
    /// <summary>The optimizer kinds the CLI offers.</summary>
    public static readonly string[] Kinds = ["sgd", "adam", "adamw", "adagrad", "rmsprop"];

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
            _ => throw new UsageException($"--optimizer {o.Optimizer} is unknown; choose one of {string.Join(", ", Kinds)}"),
        };
    }

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
            ("--momentum", o.Momentum.HasValue, ["sgd", "rmsprop"]),
            ("--dampening", o.Dampening.HasValue, ["sgd"]),
            ("--nesterov", o.Nesterov.HasValue, ["sgd"]),
            ("--beta1", o.Beta1.HasValue, ["adam", "adamw"]),
            ("--beta2", o.Beta2.HasValue, ["adam", "adamw"]),
            ("--amsgrad", o.Amsgrad.HasValue, ["adam", "adamw"]),
            ("--eps", o.Eps.HasValue, ["adam", "adamw", "adagrad", "rmsprop"]),
            ("--alpha", o.Alpha.HasValue, ["rmsprop"]),
            ("--centered", o.Centered.HasValue, ["rmsprop"]),
            ("--lr-decay", o.LrDecay.HasValue, ["adagrad"]),
            ("--initial-accumulator-value", o.InitialAccumulatorValue.HasValue, ["adagrad"]),
        };
        foreach (var (flag, set, kinds) in given)
        {
            if (set && !kinds.Contains(o.Optimizer))
                throw new UsageException($"{flag} does not apply to --optimizer {o.Optimizer} (it applies to {string.Join(", ", kinds)})");
        }
    }
}
