using ShampooActors.Math.Data;

namespace ShampooActors.Math.Tests.Data;

/// <summary>Assertions on dataset errors: typed, naming the file, one line.</summary>
internal static class DatasetAssert
{
    /// <summary>Asserts that <paramref name="load"/> fails for <paramref name="path"/> with a one-line message containing <paramref name="problem"/>.</summary>
    public static DatasetException Fails(Action load, string path, string problem)
    {
        var error = Assert.Throws<DatasetException>(load);
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }
}
