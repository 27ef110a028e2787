using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Bench;

/// <summary>
/// Stands where the trainer's registry stands: receives the <see cref="PreconditionerReady"/> a preconditioner side publishes
/// and hands each to a callback, on this actor's turn, with the timestamp it arrived at.
/// </summary>
internal sealed class ReadyCollector : ReceiveActor
{
    public ReadyCollector(Action<PreconditionerReady, long> onReady) =>
        Receive<PreconditionerReady>(ready => onReady(ready, System.Diagnostics.Stopwatch.GetTimestamp()));

    public static Props Props(Action<PreconditionerReady, long> onReady) => Actors.Kernel.Props.Create(() => new ReadyCollector(onReady));
}

/// <summary>The snapshots the cluster benchmarks offer: one block of two n×n factors, random SPD statistics.</summary>
internal static class BenchSnapshots
{
    /// <summary>A block of n×n parameters: two factors of size n (exponent 4), SPD with condition 1e4, fixed per (block, n).</summary>
    public static FactorStatistics[] Factors(int block, int n) =>
    [
        new(n, 4, RootBenchmark.RandomSpd(n, 1e4, seed: (ulong)(1000 * block + 2 * n))),
        new(n, 4, RootBenchmark.RandomSpd(n, 1e4, seed: (ulong)(1000 * block + 2 * n + 1))),
    ];

    /// <summary>Version <paramref name="version"/> of the block with these factors (the matrices are shared, never written).</summary>
    public static StatisticsSnapshot Snapshot(int block, long version, FactorStatistics[] factors) =>
        new(block, version, factors, new RootOptions());
}
