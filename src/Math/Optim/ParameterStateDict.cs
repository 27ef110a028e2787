namespace ShampooActors.Math.Optim;

/// <summary>One parameter's state in an <see cref="OptimizerStateDict"/>: its step count and copies of its buffers by name.</summary>
public sealed record ParameterStateDict(long Step, IReadOnlyDictionary<string, Tensor> Buffers);
