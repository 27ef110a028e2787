namespace ShampooActors.Math.Optim;

/// <summary>A learning-rate schedule: a pure function from a step index (0, 1, 2, …) to a factor that multiplies a base lr.</summary>
public abstract record LrSchedule
{
    /// <summary>The factor at <paramref name="step"/> (≥ 0); see <see cref="LrScheduler"/> for which step an optimizer step sees.</summary>
    public abstract double Factor(long step);

    /// <summary>Throws when <paramref name="step"/> is negative.</summary>
    private protected static void CheckStep(long step) => ArgumentOutOfRangeException.ThrowIfNegative(step);

    /// <summary>Throws <see cref="InvalidOptionsException"/> when a step count is negative.</summary>
    private protected static long NonNegativeSteps(string owner, string option, long steps) =>
        steps >= 0 ? steps : throw OptionChecks.Invalid(owner, option, steps, "must be >= 0");

    /// <summary>Throws <see cref="InvalidOptionsException"/> when a step count is below 1.</summary>
    private protected static long PositiveSteps(string owner, string option, long steps) =>
        steps >= 1 ? steps : throw OptionChecks.Invalid(owner, option, steps, "must be >= 1");

    /// <summary>Throws <see cref="InvalidOptionsException"/> when a factor is negative, infinite or NaN.</summary>
    private protected static double NonNegativeFactor(string owner, string option, double factor)
    {
        OptionChecks.NonNegative(owner, option, factor);
        return factor;
    }
}
