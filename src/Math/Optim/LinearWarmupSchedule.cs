namespace ShampooActors.Math.Optim;

/// <summary>
/// Linear warm-up: factor(t) = s + (1 − s)·t / N for t &lt; N, then 1, where s is <see cref="StartFactor"/> and N is
/// <see cref="WarmupSteps"/> (N = 0 means no warm-up).
/// </summary>
public sealed record LinearWarmupSchedule : LrSchedule
{
    /// <summary>A warm-up from <paramref name="startFactor"/> to 1 over <paramref name="warmupSteps"/> steps.</summary>
    public LinearWarmupSchedule(long warmupSteps, double startFactor = 0)
    {
        WarmupSteps = NonNegativeSteps("LinearWarmupSchedule", nameof(WarmupSteps), warmupSteps);
        StartFactor = NonNegativeFactor("LinearWarmupSchedule", nameof(StartFactor), startFactor);
    }

    /// <summary>The number of steps N until the factor reaches 1.</summary>
    public long WarmupSteps { get; }

    /// <summary>The factor at step 0.</summary>
    public double StartFactor { get; }

    /// <inheritdoc />
    public override double Factor(long step)
    {
        CheckStep(step);
        return At(step, WarmupSteps, StartFactor);
    }

    /// <summary>The warm-up formula, shared with schedules that start with a warm-up.</summary>
    internal static double At(long step, long warmupSteps, double startFactor) =>
        step >= warmupSteps ? 1 : startFactor + (1 - startFactor) * step / warmupSteps;
}
