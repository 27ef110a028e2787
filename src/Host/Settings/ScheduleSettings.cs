using System.Text.Json.Serialization;
using ShampooActors.Configuration;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>optimizer.schedule</c> section: the learning-rate schedule over a run of <c>training.steps</c> steps.</summary>
internal sealed record ScheduleSettings(string Kind, long WarmupSteps, double FinalLrFactor, long Steps)
{
    /// <summary>The schedule kinds.</summary>
    public static readonly string[] Kinds = ["constant", "warmup", "cosine", "linear"];

    /// <summary>Reads and checks the section for a run of <paramref name="steps"/> steps.</summary>
    public static ScheduleSettings From(Config config, long steps)
    {
        var kind = SettingChecks.OneOf(config, "optimizer.schedule.kind", Kinds);
        var warmup = config.GetLong("optimizer.schedule.warmup-steps");
        var factor = config.GetDouble("optimizer.schedule.final-lr-factor");
        if (warmup < 0)
            throw SettingChecks.Invalid(config, "optimizer.schedule.warmup-steps", $"must be at least 0, got {warmup}");
        if (warmup != 0 && kind is not ("warmup" or "cosine"))
            throw SettingChecks.Invalid(config, "optimizer.schedule.warmup-steps", $"applies to schedules warmup and cosine, not {kind}");
        if (kind == "warmup" && warmup < 1)
            throw SettingChecks.Invalid(config, "optimizer.schedule.warmup-steps", "must be at least 1 for the warmup schedule");
        if (kind == "cosine" && warmup >= steps)
            throw SettingChecks.Invalid(config, "optimizer.schedule.warmup-steps", $"{warmup} leaves none of the {steps} training steps for the cosine");
        if (!(factor >= 0))
            throw SettingChecks.Invalid(config, "optimizer.schedule.final-lr-factor", $"must be at least 0, got {factor}");
        if (factor != 0 && kind is not ("cosine" or "linear"))
            throw SettingChecks.Invalid(config, "optimizer.schedule.final-lr-factor", $"applies to schedules cosine and linear, not {kind}");
        return new ScheduleSettings(kind, warmup, factor, steps);
    }

    /// <summary>The schedule itself.</summary>
    public LrSchedule Create() => Kind switch
    {
        "warmup" => new LinearWarmupSchedule(WarmupSteps),
        "cosine" => new CosineSchedule(Steps - WarmupSteps, FinalLrFactor, WarmupSteps),
        "linear" => new LinearDecaySchedule(Steps, FinalLrFactor),
        _ => new ConstantSchedule(),
    };
}
