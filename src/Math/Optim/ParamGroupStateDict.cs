namespace ShampooActors.Math.Optim;

/// <summary>One group in an <see cref="OptimizerStateDict"/>: its options (with the live lr) and its parameters' shapes, in order.</summary>
/// <param name="Options">The group's options, with <c>Lr</c> set to the live learning rate.</param>
/// <param name="ParameterShapes">The shape of each of the group's parameters, in order.</param>
public sealed record ParamGroupStateDict(OptimizerOptions Options, IReadOnlyList<int[]> ParameterShapes);
