namespace ShampooActors.Math.Optim;

/// <summary>The factor 1 at every step: the base learning rate throughout.</summary>
public sealed record ConstantSchedule : LrSchedule
{
    /// <inheritdoc />
    public override double Factor(long step)
    {
        CheckStep(step);
        return 1;
    }
}
