namespace ShampooActors.Testing;

/// <summary>What a fault does: the first three hit root computations, the others publications on their way to the registry.</summary>
public enum FaultKind
{
    /// <summary>The computation throws when asked (its task fails at once); the preconditioner restarts.</summary>
    Throw,

    /// <summary>The computation throws after a part of its delay, as a worker dying mid-computation; the preconditioner restarts.</summary>
    Crash,

    /// <summary>The computation returns roots with a NaN in its first factor's root, flagged accepted (validation must reject them).</summary>
    NonFinite,

    /// <summary>The publication is lost.</summary>
    Drop,

    /// <summary>The publication is delivered twice in a row.</summary>
    Duplicate,

    /// <summary>The publication is held back until the next publication of the same block has passed.</summary>
    HoldBackForBlock,

    /// <summary>The publication is held back until the next publication of any block has passed.</summary>
    HoldBackForAny,
}

/// <summary>One planned fault: what it does and which occurrence it hits.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Which">The computation or publication it hits.</param>
/// <param name="CrashAfter">For <see cref="FaultKind.Crash"/>: the part of the computation's delay that passes before it throws, in [0, 1].</param>
public sealed record Fault(FaultKind Kind, Occurrence Which, double CrashAfter = 0.5)
{
    /// <summary>Whether it hits a publication rather than a computation.</summary>
    public bool OnPublication => Kind >= FaultKind.Drop;
}
