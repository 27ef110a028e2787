using System.Numerics.Tensors;

namespace ShampooActors.Math.Data;

/// <summary>Fashion-MNIST: 60k training and 10k test 28×28 grey images in 10 classes, loaded as pixels/255 flattened to 784 floats.</summary>
public sealed record FashionMnist(ImageDataset Train, ImageDataset Test)
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Image height and width in pixels.</summary>
    public const int Height = 28, Width = 28;

    /// <summary>Features per example: the flattened image.</summary>
    public const int Features = Height * Width;

    /// <summary>The number of classes; labels are 0..Classes−1.</summary>
    public const int Classes = 10;

    /// <summary>File names of the four IDX files in the data directory.</summary>
    public const string TrainImagesFile = "train-images-idx3-ubyte.gz", TrainLabelsFile = "train-labels-idx1-ubyte.gz",
        TestImagesFile = "t10k-images-idx3-ubyte.gz", TestLabelsFile = "t10k-labels-idx1-ubyte.gz";

    /// <summary>What to do when the files are not there.</summary>
    public const string InstallHint =
        "install the Debian package dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist) or point --data-dir at a folder holding the four files ("
        + TrainImagesFile + ", " + TrainLabelsFile + ", " + TestImagesFile + ", " + TestLabelsFile + ")";

    /// <summary>Loads the training and test sets from <paramref name="directory"/>.</summary>
    public static FashionMnist Load(string directory = DefaultDirectory) => new(LoadTrain(directory), LoadTest(directory));

    /// <summary>Loads the 60k training set from <paramref name="directory"/>.</summary>
    public static ImageDataset LoadTrain(string directory = DefaultDirectory) => LoadSplit(directory, TrainImagesFile, TrainLabelsFile);

    /// <summary>Loads the 10k test set from <paramref name="directory"/>.</summary>
    public static ImageDataset LoadTest(string directory = DefaultDirectory) => LoadSplit(directory, TestImagesFile, TestLabelsFile);

    /// <summary>Loads one images file ([count, 28, 28]) and its labels file ([count], values 0..9), validating both.</summary>
    public static ImageDataset LoadFiles(string imagesPath, string labelsPath)
    {
        var images = IdxReader.Read(imagesPath);
        if (images.Dims is not [_, Height, Width])
            throw new DatasetException(imagesPath, $"wrong dims {Shapes.Format(images.Dims)}: expected 3 dims [count, {Height}, {Width}]");
        var labels = IdxReader.Read(labelsPath);
        if (labels.Dims.Length != 1)
            throw new DatasetException(labelsPath, $"wrong dims {Shapes.Format(labels.Dims)}: expected 1 dim [count]");
        if (labels.Count != images.Count)
            throw new DatasetException(labelsPath, $"count mismatch: {labels.Count} labels for the {images.Count} images in {imagesPath}");
        return new ImageDataset(Pixels(images.Data), Classify(labelsPath, labels.Data), Features);
    }

    private static ImageDataset LoadSplit(string directory, string imagesFile, string labelsFile)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new DatasetException(directory, $"data directory not found; {InstallHint}");
        var imagesPath = Path.Combine(directory, imagesFile);
        var labelsPath = Path.Combine(directory, labelsFile);
        foreach (var path in (ReadOnlySpan<string>)[imagesPath, labelsPath])
        {
            if (!File.Exists(path))
                throw new DatasetException(path, $"file not found; {InstallHint}");
        }
        return LoadFiles(imagesPath, labelsPath);
    }

    /// <summary>Bytes to pixels/255, vectorised; division (not a multiply by 1/255) rounds like PyTorch's ToTensor.</summary>
    private static float[] Pixels(byte[] bytes)
    {
        var pixels = GC.AllocateUninitializedArray<float>(bytes.Length);
        TensorPrimitives.ConvertChecked<byte, float>(bytes, pixels);
        TensorPrimitives.Divide(pixels, 255f, pixels);
        return pixels;
    }

    private static int[] Classify(string path, byte[] bytes)
    {
        var labels = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] >= Classes)
                throw new DatasetException(path, $"label {bytes[i]} at index {i} out of range 0..{Classes - 1}");
            labels[i] = bytes[i];
        }
        return labels;
    }
}
