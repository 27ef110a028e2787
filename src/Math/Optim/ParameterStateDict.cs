namespace ShampooActors.Math.Optim;

/// <summary>One parameter's state in an <see cref="OptimizerStateDict"/>: its step count, copies of its buffers and its counters by name.</summary>
/// <param name="Step">How many steps updated the parameter.</param>
/// <param name="Buffers">Copies of its state buffers by PyTorch's names (e.g. <c>exp_avg</c>).</param>
/// <param name="Counters">Its integer counters by name (e.g. a preconditioner block's version); null reads as none.</param>
public sealed record ParameterStateDict(long Step, IReadOnlyDictionary<string, Tensor> Buffers, IReadOnlyDictionary<string, long>? Counters = null)
{
    /// <summary>The counters, never null.</summary>
    public IReadOnlyDictionary<string, long> CounterValues => Counters ?? EmptyCounters;

    private static readonly IReadOnlyDictionary<string, long> EmptyCounters = new Dictionary<string, long>();
}
