namespace ShampooActors.Math.Data;

/// <summary>
/// A training batch: the loader's reused buffers (overwritten by its next call) and the batch's place in the data order,
/// batch <see cref="Index"/> of epoch <see cref="Epoch"/>.
/// </summary>
public readonly record struct Batch(Tensor Images, int[] Labels, int Epoch, int Index);
