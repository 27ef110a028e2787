using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Training;

/// <summary>Computes one block's inverse roots from a statistics snapshot: in this process, on another host, or simulated.</summary>
public interface IRootService
{
    /// <summary>The roots of <paramref name="snapshot"/>; a fault is an exception, which restarts the preconditioner that asked.</summary>
    Task<BlockRoots> ComputeAsync(StatisticsSnapshot snapshot, CancellationToken cancellationToken);
}

/// <summary>The Math library's pure root function, run on the calling thread (the numeric dispatcher's).</summary>
public sealed class LocalRootService : IRootService
{
    /// <summary>The one instance.</summary>
    public static LocalRootService Instance { get; } = new();

    private LocalRootService()
    {
    }

    /// <inheritdoc />
    public Task<BlockRoots> ComputeAsync(StatisticsSnapshot snapshot, CancellationToken cancellationToken) =>
        Task.FromResult(ShampooRoots.Compute(snapshot));
}
