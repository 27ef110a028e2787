namespace ShampooActors.Math.Tests.Support;

/// <summary>
/// Specs that compare two BLAS-backed computations bit for bit, or watch OpenBLAS's process-wide thread count, run alone:
/// a concurrent test's batch changes that count (and whether a step's block products run batched or one after another),
/// which may change the last bits of a product.
/// </summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;
