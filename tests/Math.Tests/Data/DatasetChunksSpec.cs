using ShampooActors.Math.Data;

namespace ShampooActors.Math.Tests.Data;

public sealed class DatasetChunksSpec
{
    private static ImageDataset Dataset(int n, int features) =>
        new(Enumerable.Range(0, n * features).Select(v => (float)v).ToArray(), Enumerable.Range(0, n).ToArray(), features);

    [Fact]
    public void Chunks_cover_the_dataset_in_order_with_a_shorter_last_chunk()
    {
        var data = Dataset(10, 3);

        var chunks = data.Chunks(4).ToList();

        Assert.Equal([0, 4, 8], chunks.Select(c => c.Start));
        Assert.Equal([4, 4, 2], chunks.Select(c => c.Images.Dim(0)));
        Assert.All(chunks, c => Assert.Equal(3, c.Images.Dim(1)));
        Assert.Equal(data.Labels, chunks.SelectMany(c => c.Labels.ToArray()));
        Assert.Equal(data.Images, chunks.SelectMany(c => c.Images.ToArray()));
    }

    [Fact]
    public void Chunks_are_views_of_the_dataset_memory()
    {
        var data = Dataset(5, 2);
        var chunk = data.Chunks(2).Skip(1).First();

        data.Images[2 * 2] = -1f;

        Assert.Equal(-1f, chunk.Images.Data[0]);
    }

    [Fact]
    public void Chunk_size_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset(5, 2).Chunks(0));
    }

    [Fact]
    public void Dataset_rejects_features_that_do_not_divide_into_its_examples()
    {
        Assert.Throws<ArgumentException>(() => new ImageDataset(new float[7], new int[2], 4));
    }
}
