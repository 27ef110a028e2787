namespace ShampooActors.Math.Optim;

/// <summary>Linear decay: factor(t) = 1 + (f − 1)·t / T for t &lt; T, then f, where f is <see cref="FinalFactor"/> and T is <see cref="DecaySteps"/>.</summary>
public sealed record LinearDecaySchedule : LrSchedule
{
    /// <summary>A decay from 1 to <paramref name="finalFactor"/> over <paramref name="decaySteps"/> steps.</summary>
    public LinearDecaySchedule(long decaySteps, double finalFactor = 0)
    {
        DecaySteps = PositiveSteps("LinearDecaySchedule", nameof(DecaySteps), decaySteps);
        FinalFactor = NonNegativeFactor("LinearDecaySchedule", nameof(FinalFactor), finalFactor);
    }

    /// <summary>The number of steps T until the factor reaches <see cref="FinalFactor"/>.</summary>
    public long DecaySteps { get; }

    /// <summary>The factor from step T on.</summary>
    public double FinalFactor { get; }

    /// <inheritdoc />
    public override double Factor(long step)
    {
        CheckStep(step);
        return step >= DecaySteps ? FinalFactor : 1 + (FinalFactor - 1) * step / DecaySteps;
    }
}
