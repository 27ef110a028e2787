using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Optim;

/// <summary>
/// A copy of one block's factor statistics at one step, in float64: what a root computation needs, and all it needs,
/// so it can run anywhere (inline, on another thread, on another host).
/// </summary>
/// <param name="BlockId">The block, as numbered by <see cref="Shampoo.Blocks"/>.</param>
/// <param name="Version">The step the statistics were taken at; the roots computed from them carry it.</param>
/// <param name="Factors">The block's factors, in order.</param>
/// <param name="Roots">How the roots are to be computed and accepted.</param>
public sealed record StatisticsSnapshot(int BlockId, long Version, IReadOnlyList<FactorStatistics> Factors, RootOptions Roots);

/// <summary>One Kronecker factor's statistic H (row-major n×n, float64, bias correction applied) and the p of its root.</summary>
/// <param name="Size">n.</param>
/// <param name="Exponent">p of the inverse p-th root.</param>
/// <param name="Matrix">H, n×n row-major.</param>
public sealed record FactorStatistics(int Size, int Exponent, double[] Matrix);
