namespace ShampooActors.Math.Optim;

/// <summary>How a parameter is shaped into blocks, each with its own Kronecker factors (ALGORITHMS.md §1.1).</summary>
public sealed record BlockingOptions
{
    /// <summary>Every (merged) dim longer than this is cut into chunks of this size, the last one shorter.</summary>
    public int BlockSize { get; init; } = 128;

    /// <summary>Neighbouring dims are merged while their product stays at or below this; null means <see cref="BlockSize"/>.</summary>
    public int? MergeDimsThreshold { get; init; }

    /// <summary>A (merged) dim longer than this gets no factor: that dim falls back to the diagonal graft.</summary>
    public int MaxPreconditionerDim { get; init; } = 4096;

    /// <summary>Precondition no dim of this group's parameters (e.g. embedding tables): the grafted update alone.</summary>
    public bool Diagonal { get; init; }

    /// <summary>The merge threshold in effect.</summary>
    public int EffectiveMergeThreshold => MergeDimsThreshold ?? BlockSize;

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (BlockSize < 1)
            throw OptionChecks.Invalid("Shampoo", "blocking.block-size", BlockSize, "must be at least 1");
        if (MergeDimsThreshold is < 1)
            throw OptionChecks.Invalid("Shampoo", "blocking.merge-dims-threshold", MergeDimsThreshold.Value, "must be at least 1");
        if (MaxPreconditionerDim < 1)
            throw OptionChecks.Invalid("Shampoo", "blocking.max-preconditioner-dim", MaxPreconditionerDim, "must be at least 1");
    }
}
