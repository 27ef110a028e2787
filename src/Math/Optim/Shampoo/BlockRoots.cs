using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Optim;

/// <summary>The inverse roots computed for one block from one <see cref="StatisticsSnapshot"/>, with the snapshot's version.</summary>
/// <param name="BlockId">The block.</param>
/// <param name="Version">The version of the snapshot they came from.</param>
/// <param name="Factors">One result per factor, in the snapshot's order.</param>
public sealed record BlockRoots(int BlockId, long Version, IReadOnlyList<InverseRoot> Factors)
{
    /// <summary>Whether every factor's root was accepted (only then can the block adopt them).</summary>
    public bool Accepted => Factors.All(f => f.Accepted);
}
