namespace ShampooActors.Actors.Training;

/// <summary>Where a job's inverse roots are computed.</summary>
public enum PreconditioningMode
{
    /// <summary>On preconditioner actors, off the step loop; the accelerators adopt newer roots at step boundaries.</summary>
    Async,

    /// <summary>Inline in the optimizer step (the synchronous reference).</summary>
    Sync,
}

/// <summary>What an accelerator does with a block whose roots are older than <see cref="PreconditioningOptions.MaxStaleness"/> steps.</summary>
public enum StalenessPolicy
{
    /// <summary>Keep using the stale roots.</summary>
    Continue,

    /// <summary>Hold the step until a newer version arrives, for at most the wait timeout.</summary>
    Wait,

    /// <summary>Give the stale block the grafted update alone until newer roots arrive.</summary>
    GraftOnly,
}

/// <summary>Which due block a free preconditioner worker computes first.</summary>
public enum RootPriority
{
    /// <summary>The block whose statistics changed most (relative Frobenius norm) since its last root, then the stalest.</summary>
    ChangedMost,

    /// <summary>The block that has waited longest.</summary>
    Fifo,
}

/// <summary>How the orchestrator computes, schedules and adopts inverse roots (the <c>preconditioning</c> config section).</summary>
public sealed record PreconditioningOptions
{
    /// <summary>Async (preconditioner actors) or sync (inline).</summary>
    public PreconditioningMode Mode { get; init; } = PreconditioningMode.Async;

    /// <summary>Steps a block's roots may lag the step that uses them before the staleness policy applies.</summary>
    public long MaxStaleness { get; init; } = 100;

    /// <summary>What happens to a block past <see cref="MaxStaleness"/>.</summary>
    public StalenessPolicy Policy { get; init; } = StalenessPolicy.Continue;

    /// <summary>The longest the wait policy holds a step for one block's newer version.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The order in which due blocks are computed when more are due than workers are free.</summary>
    public RootPriority Priority { get; init; } = RootPriority.Fifo;

    /// <summary>Root computations that run at once (the numeric dispatcher's threads).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The delay before a failed block is computed again; it doubles with each further failure.</summary>
    public TimeSpan FailureBackoffMin { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The cap on that delay.</summary>
    public TimeSpan FailureBackoffMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The dispatcher the preconditioner actors run on.</summary>
    public string Dispatcher { get; init; } = "numeric";
}
