using ShampooActors.Actors.Training;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>A root service whose answers the test decides: the real roots, NaN roots, an exception, or held until released.</summary>
internal sealed class ScriptedRootService : IRootService
{
    private readonly Queue<Func<StatisticsSnapshot, Task<BlockRoots>>> _script = new();

    public List<StatisticsSnapshot> Calls { get; } = [];

    public ScriptedRootService Then(Func<StatisticsSnapshot, Task<BlockRoots>> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public Task<BlockRoots> ComputeAsync(StatisticsSnapshot snapshot, CancellationToken cancellationToken)
    {
        Calls.Add(snapshot);
        return _script.Count > 0 ? _script.Dequeue()(snapshot) : Task.FromResult(ShampooRoots.Compute(snapshot));
    }

    public static Task<BlockRoots> Real(StatisticsSnapshot s) => Task.FromResult(ShampooRoots.Compute(s));

    public static Task<BlockRoots> Throws(StatisticsSnapshot s) => throw new InvalidOperationException($"simulated fault in block {s.BlockId}");

    /// <summary>The real roots with a NaN written into the first factor, still flagged accepted.</summary>
    public static Task<BlockRoots> NonFinite(StatisticsSnapshot s)
    {
        var roots = ShampooRoots.Compute(s);
        var first = roots.Factors[0];
        var poisoned = (double[])first.Root!.Clone();
        poisoned[0] = double.NaN;
        return Task.FromResult(roots with { Factors = [new InverseRoot(poisoned, first.Diagnostics), .. roots.Factors.Skip(1)] });
    }
}
