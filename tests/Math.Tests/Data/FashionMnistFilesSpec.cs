using ShampooActors.Math.Data;
using static ShampooActors.Math.Tests.Data.IdxTestFiles;

namespace ShampooActors.Math.Tests.Data;

/// <summary>Loading and validation on tiny Fashion-MNIST-shaped files written by the test.</summary>
public sealed class FashionMnistFilesSpec : IDisposable
{
    private const int Pixels = 28 * 28;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Images => _dir.File(FashionMnist.TrainImagesFile);
    private string Labels => _dir.File(FashionMnist.TrainLabelsFile);

    private void WriteAll(int train = 3, int test = 2)
    {
        WriteUbyte(Images, [train, 28, 28], Sequence(train * Pixels));
        WriteUbyte(Labels, [train], Enumerable.Range(0, train).Select(i => (byte)(9 - i)).ToArray());
        WriteUbyte(_dir.File(FashionMnist.TestImagesFile), [test, 28, 28], Sequence(test * Pixels));
        WriteUbyte(_dir.File(FashionMnist.TestLabelsFile), [test], Enumerable.Range(0, test).Select(i => (byte)i).ToArray());
    }

    private static DatasetException Fails(Action load, string path, string problem) => DatasetAssert.Fails(load, path, problem);

    [Fact]
    public void Directory_of_four_files_loads_as_pixels_over_255_and_labels()
    {
        WriteAll();

        var data = FashionMnist.Load(_dir.Path);

        Assert.Equal(3, data.Train.Count);
        Assert.Equal(2, data.Test.Count);
        Assert.Equal(784, data.Train.Features);
        Assert.Equal([9, 8, 7], data.Train.Labels);
        Assert.Equal([0, 1], data.Test.Labels);
        var bytes = Sequence(3 * Pixels);
        Assert.Equal(bytes.Length, data.Train.Images.Length);
        for (var i = 0; i < bytes.Length; i++)
            Assert.Equal(bytes[i] / 255f, data.Train.Images[i]);
    }

    [Fact]
    public void Missing_directory_is_named_with_how_to_install_the_package()
    {
        var absent = _dir.File("nowhere");
        var error = Fails(() => FashionMnist.LoadTrain(absent), absent, "data directory not found");
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", error.Message);
        Assert.Contains("--data-dir", error.Message);
    }

    [Fact]
    public void Missing_file_is_named_with_how_to_install_the_package()
    {
        WriteAll();
        File.Delete(_dir.File(FashionMnist.TestLabelsFile));
        var error = Fails(() => FashionMnist.LoadTest(_dir.Path), _dir.File(FashionMnist.TestLabelsFile), "file not found");
        Assert.Contains("install the Debian package dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void Images_of_another_size_are_wrong_dims()
    {
        WriteAll();
        WriteUbyte(Images, [3, 27, 28], Sequence(3 * 27 * 28));
        Fails(() => FashionMnist.LoadTrain(_dir.Path), Images, "wrong dims [3, 27, 28]: expected 3 dims [count, 28, 28]");
    }

    [Fact]
    public void Flattened_images_are_wrong_dims()
    {
        WriteAll();
        WriteUbyte(Images, [3, 784], Sequence(3 * Pixels));
        Fails(() => FashionMnist.LoadTrain(_dir.Path), Images, "wrong dims [3, 784]");
    }

    [Fact]
    public void Two_dimensional_labels_are_wrong_dims()
    {
        WriteAll();
        WriteUbyte(Labels, [3, 1], [1, 2, 3]);
        Fails(() => FashionMnist.LoadTrain(_dir.Path), Labels, "wrong dims [3, 1]: expected 1 dim [count]");
    }

    [Fact]
    public void Label_out_of_range_is_named_with_its_value_and_index()
    {
        WriteAll();
        WriteUbyte(Labels, [3], [1, 10, 3]);
        Fails(() => FashionMnist.LoadTrain(_dir.Path), Labels, "label 10 at index 1 out of range 0..9");
    }

    [Fact]
    public void Count_mismatch_between_images_and_labels_names_both_files()
    {
        WriteAll();
        WriteUbyte(Labels, [2], [1, 2]);
        Fails(() => FashionMnist.LoadTrain(_dir.Path), Labels, $"count mismatch: 2 labels for the 3 images in {Images}");
    }

    [Fact]
    public void Corrupt_file_in_the_directory_surfaces_as_a_dataset_error()
    {
        WriteAll();
        File.WriteAllText(Images, "not an archive");
        Fails(() => FashionMnist.LoadTrain(_dir.Path), Images, "not a gzip file");
    }
}
