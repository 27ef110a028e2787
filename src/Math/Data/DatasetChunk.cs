namespace ShampooActors.Math.Data;

/// <summary>Consecutive examples [Start, Start + Labels.Length) of a dataset, as views of its memory.</summary>
public readonly record struct DatasetChunk(Tensor Images, ReadOnlyMemory<int> Labels, int Start);
