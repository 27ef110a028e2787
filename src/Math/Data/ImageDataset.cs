namespace ShampooActors.Math.Data;

/// <summary>Labelled examples held in memory: features as one contiguous row-major float[] [Count, Features], labels as int[].</summary>
public sealed class ImageDataset
{
    /// <summary>Wraps <paramref name="images"/> (row-major [labels.Length, features]) and <paramref name="labels"/> without copying.</summary>
    public ImageDataset(float[] images, int[] labels, int features)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if ((long)labels.Length * features != images.Length)
            throw new ArgumentException($"{images.Length} feature values do not make {labels.Length} examples of {features} features", nameof(images));
        Images = images;
        Labels = labels;
        Features = features;
    }

    /// <summary>The features of all examples, example after example.</summary>
    public float[] Images { get; }

    /// <summary>The class of each example.</summary>
    public int[] Labels { get; }

    /// <summary>The number of examples.</summary>
    public int Count => Labels.Length;

    /// <summary>The number of features per example (784 for 28×28 images).</summary>
    public int Features { get; }

    /// <summary>All features as a [Count, Features] tensor sharing this dataset's memory.</summary>
    public Tensor ImagesTensor() => Tensor.FromArray(Images, Count, Features);

    /// <summary>The examples in order, <paramref name="size"/> at a time (the last chunk may be shorter), as views without copying: for evaluation.</summary>
    public IEnumerable<DatasetChunk> Chunks(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return ChunksOf(size);
    }

    private IEnumerable<DatasetChunk> ChunksOf(int size)
    {
        var all = ImagesTensor();
        for (var start = 0; start < Count; start += size)
        {
            var count = System.Math.Min(size, Count - start);
            yield return new DatasetChunk(all.Rows(start, count), new ReadOnlyMemory<int>(Labels, start, count), start);
        }
    }
}
