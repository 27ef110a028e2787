namespace ShampooActors.Configuration.Tests.Support;

/// <summary>A fresh folder under the system temp folder for one test, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    /// <summary>The folder's full path.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("hocon-spec-").FullName;

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/> (folders created) and gives the full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The full path of <paramref name="relativePath"/> inside the folder.</summary>
    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a file still open elsewhere must not fail the test
        }
    }
}
