namespace ShampooActors.Host.Tests.Checkpoints;

/// <summary>
/// Tests that compare two training runs bit for bit run alone: a concurrent test changes how OpenBLAS splits a product over
/// threads (and whether a step's block products run batched or one after another), which may change the last bits of a result.
/// </summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;
