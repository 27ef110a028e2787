namespace ShampooActors.Math.Linalg;

/// <summary>Independent work items, each a sequence of BLAS calls, that <see cref="BlasParallel"/> may run side by side.</summary>
internal interface IBlasWork
{
    /// <summary>Runs item <paramref name="item"/>; <paramref name="worker"/> (0 … workers − 1) picks the caller's scratch buffers.</summary>
    void Execute(int item, int worker);
}
