namespace ShampooActors.Math.Optim;

/// <summary>One parameter's state in an <see cref="OptimizerStateDict"/>: its step count and copies of its buffers by name.</summary>
/// <param name="Step">How many steps updated the parameter.</param>
/// <param name="Buffers">Copies of its state buffers by PyTorch's names (e.g. <c>exp_avg</c>).</param>
public sealed record ParameterStateDict(long Step, IReadOnlyDictionary<string, Tensor> Buffers);
