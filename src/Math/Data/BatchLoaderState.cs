namespace ShampooActors.Math.Data;

/// <summary>
/// Where a <see cref="BatchLoader"/> stands, as data for a checkpoint: the current epoch, the batches already drawn in it,
/// its permutation and the generator state after that permutation was drawn.
/// </summary>
public sealed record BatchLoaderState(int Epoch, int BatchIndex, int BatchSize, int[] Permutation, ulong RngState);
