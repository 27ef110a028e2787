namespace ShampooActors.Math.Optim;

/// <summary>
/// Cosine annealing after an optional linear warm-up of W steps: for t &lt; W as <see cref="LinearWarmupSchedule"/>; then with
/// k = min(t − W, T), factor(t) = m + (1 − m)·(1 + cos(πk / T)) / 2, so it is 1 at t = W, m from t = W + T on.
/// </summary>
public sealed record CosineSchedule : LrSchedule
{
    /// <summary>Annealing from 1 to <paramref name="minFactor"/> over <paramref name="annealSteps"/> steps, after <paramref name="warmupSteps"/> warm-up steps from <paramref name="warmupStartFactor"/>.</summary>
    public CosineSchedule(long annealSteps, double minFactor = 0, long warmupSteps = 0, double warmupStartFactor = 0)
    {
        AnnealSteps = PositiveSteps("CosineSchedule", nameof(AnnealSteps), annealSteps);
        MinFactor = NonNegativeFactor("CosineSchedule", nameof(MinFactor), minFactor);
        WarmupSteps = NonNegativeSteps("CosineSchedule", nameof(WarmupSteps), warmupSteps);
        WarmupStartFactor = NonNegativeFactor("CosineSchedule", nameof(WarmupStartFactor), warmupStartFactor);
    }

    /// <summary>The length T of the cosine, counted after the warm-up.</summary>
    public long AnnealSteps { get; }

    /// <summary>The factor m the cosine ends at and stays at.</summary>
    public double MinFactor { get; }

    /// <summary>The number of linear warm-up steps W before the cosine (0: none).</summary>
    public long WarmupSteps { get; }

    /// <summary>The factor at step 0 when there is a warm-up.</summary>
    public double WarmupStartFactor { get; }

    /// <inheritdoc />
    public override double Factor(long step)
    {
        CheckStep(step);
        if (step < WarmupSteps)
            return LinearWarmupSchedule.At(step, WarmupSteps, WarmupStartFactor);
        var k = System.Math.Min(step - WarmupSteps, AnnealSteps);
        return MinFactor + (1 - MinFactor) * (1 + System.Math.Cos(System.Math.PI * k / AnnealSteps)) / 2;
    }
}
