namespace ShampooActors.Math.Optim;

/// <summary>Over what the grafting norms ‖D‖ and ‖P‖ are taken.</summary>
public enum GraftNorm
{
    /// <summary>One norm over the whole parameter (Google's Shampoo).</summary>
    Parameter,

    /// <summary>One norm per block (Meta's DistributedShampoo).</summary>
    Block,
}
