using ShampooActors.Math.Data;

namespace ShampooActors.Math.Tests.Data;

/// <summary>The Debian dataset-fashion-mnist files at the default directory (the test command installs the package).</summary>
public sealed class FashionMnistRealSpec(RealFashionMnistFixture fixture) : IClassFixture<RealFashionMnistFixture>
{
    private FashionMnist Data => fixture.Data;

    [Fact]
    public void Train_set_has_60000_examples_of_784_features()
    {
        Assert.Equal(60000, Data.Train.Count);
        Assert.Equal(784, Data.Train.Features);
        Assert.Equal(60000 * 784, Data.Train.Images.Length);
    }

    [Fact]
    public void Test_set_has_10000_examples_of_784_features()
    {
        Assert.Equal(10000, Data.Test.Count);
        Assert.Equal(784, Data.Test.Features);
        Assert.Equal(10000 * 784, Data.Test.Images.Length);
    }

    [Fact]
    public void Pixels_span_exactly_0_to_1()
    {
        foreach (var set in (ImageDataset[])[Data.Train, Data.Test])
        {
            Assert.Equal(0f, set.Images.Min());
            Assert.Equal(1f, set.Images.Max());
        }
    }

    [Fact]
    public void Every_class_has_6000_train_and_1000_test_examples()
    {
        Assert.Equal(Enumerable.Repeat(6000, 10), ClassCounts(Data.Train));
        Assert.Equal(Enumerable.Repeat(1000, 10), ClassCounts(Data.Test));
    }

    // Reference values read from the same files with Python's gzip module, independently of our reader.
    [Fact]
    public void First_labels_and_first_image_match_an_independent_read_of_the_files()
    {
        Assert.Equal([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], Data.Train.Labels[..10]);
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], Data.Test.Labels[..10]);
        Assert.Equal(76247, Data.Train.Images[..784].Sum(p => (int)MathF.Round(p * 255f)));
        Assert.Equal(33456, Data.Test.Images[..784].Sum(p => (int)MathF.Round(p * 255f)));
    }

    [Fact]
    public void First_training_batch_of_128_follows_the_workload_order()
    {
        var expected = ReferenceOrder.Permutation(new ReferenceOrder.SplitMix64(0), 60000)[..128];
        var loader = new BatchLoader(Data.Train, 128);

        var batch = loader.Next();

        Assert.Equal(expected.Select(e => Data.Train.Labels[e]), batch.Labels);
        for (var k = 0; k < 128; k++)
            Assert.True(batch.Images.Data.Slice(k * 784, 784).SequenceEqual(Data.Train.Images.AsSpan(expected[k] * 784, 784)));
    }

    private static int[] ClassCounts(ImageDataset set)
    {
        var counts = new int[FashionMnist.Classes];
        foreach (var label in set.Labels)
            counts[label]++;
        return counts;
    }
}
