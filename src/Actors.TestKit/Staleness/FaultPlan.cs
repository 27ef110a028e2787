namespace ShampooActors.Testing;

/// <summary>
/// The faults of a simulated run, built fluently (each call returns a new plan): computation faults, which the
/// <see cref="SimulatedRootService"/> applies, and publication faults, which the <see cref="PublicationFaultRelay"/> applies.
/// When several faults match one occurrence, the one planned first applies.
/// </summary>
public sealed class FaultPlan
{
    private readonly Fault[] _faults;

    private FaultPlan(Fault[] faults)
    {
        _faults = faults;
    }

    /// <summary>No faults.</summary>
    public static FaultPlan None { get; } = new([]);

    /// <summary>Every planned fault, in the order planned.</summary>
    public IReadOnlyList<Fault> Faults => _faults;

    /// <summary>Whether a publication fault is planned (only then does a run need the relay).</summary>
    public bool HasPublicationFaults => _faults.Any(f => f.OnPublication);

    /// <summary>The computation <paramref name="which"/> throws when asked.</summary>
    public FaultPlan ThrowOn(Occurrence which) => With(new Fault(FaultKind.Throw, which));

    /// <summary>The computation <paramref name="which"/> throws after the part <paramref name="after"/> (in [0, 1]) of its delay.</summary>
    public FaultPlan CrashOn(Occurrence which, double after = 0.5)
    {
        if (!(after is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(after), after, "a crash comes after a part of the delay, in [0, 1]");
        return With(new Fault(FaultKind.Crash, which, after));
    }

    /// <summary>The computation <paramref name="which"/> returns a NaN in its first factor's root, flagged accepted.</summary>
    public FaultPlan NonFiniteOn(Occurrence which) => With(new Fault(FaultKind.NonFinite, which));

    /// <summary>The publication <paramref name="which"/> is lost.</summary>
    public FaultPlan Drop(Occurrence which) => With(new Fault(FaultKind.Drop, which));

    /// <summary>The publication <paramref name="which"/> is delivered twice.</summary>
    public FaultPlan Duplicate(Occurrence which) => With(new Fault(FaultKind.Duplicate, which));

    /// <summary>The publication <paramref name="which"/> is held back until the next publication of its block (<paramref name="anyBlock"/> false) or of any block has passed.</summary>
    public FaultPlan HoldBack(Occurrence which, bool anyBlock = false) =>
        With(new Fault(anyBlock ? FaultKind.HoldBackForAny : FaultKind.HoldBackForBlock, which));

    /// <summary>The computation fault for block <paramref name="block"/>'s <paramref name="version"/>, the <paramref name="overall"/>-th computation and the <paramref name="ofBlock"/>-th of its block; null for none.</summary>
    public Fault? ForComputation(int block, long version, long overall, long ofBlock) =>
        Array.Find(_faults, f => !f.OnPublication && f.Which.Matches(block, version, overall, ofBlock));

    /// <summary>The publication fault for block <paramref name="block"/>'s <paramref name="version"/>, the <paramref name="overall"/>-th publication and the <paramref name="ofBlock"/>-th of its block; null for none.</summary>
    public Fault? ForPublication(int block, long version, long overall, long ofBlock) =>
        Array.Find(_faults, f => f.OnPublication && f.Which.Matches(block, version, overall, ofBlock));

    /// <inheritdoc />
    public override string ToString() =>
        _faults.Length == 0 ? "no faults" : string.Join("; ", _faults.Select(f => $"{f.Kind} on {f.Which}"));

    private FaultPlan With(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault.Which);
        return new FaultPlan([.. _faults, fault]);
    }
}
