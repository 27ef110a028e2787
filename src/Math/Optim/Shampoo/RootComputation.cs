namespace ShampooActors.Math.Optim;

/// <summary>Where a <see cref="Shampoo"/> optimizer's roots are computed.</summary>
public enum RootComputation
{
    /// <summary>Inline, during <see cref="Optimizer.Step"/>, every <c>precondition-every</c> steps.</summary>
    Synchronous,

    /// <summary>Elsewhere: the optimizer hands out snapshots (<see cref="Shampoo.TakeSnapshots"/>) and adopts the roots it is given.</summary>
    External,
}
