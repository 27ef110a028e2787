namespace ShampooActors.Math.Optim;

/// <summary>A public description of one preconditioned block of a <see cref="Shampoo"/> optimizer.</summary>
/// <param name="Id">The block id used by snapshots and roots.</param>
/// <param name="ParameterIndex">The flat position of its parameter across parameter groups.</param>
/// <param name="Geometry">Where it sits in the parameter's merged shape.</param>
/// <param name="FactorSizes">The size of each of its factors, in order.</param>
public sealed record BlockInfo(int Id, int ParameterIndex, BlockGeometry Geometry, IReadOnlyList<int> FactorSizes);
