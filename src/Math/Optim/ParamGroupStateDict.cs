namespace ShampooActors.Math.Optim;

/// <summary>One group in an <see cref="OptimizerStateDict"/>: its options (with the live lr) and its parameters' shapes, in order.</summary>
public sealed record ParamGroupStateDict(OptimizerOptions Options, IReadOnlyList<int[]> ParameterShapes);
