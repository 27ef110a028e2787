namespace ShampooActors.Actors.Tests.Support;

/// <summary>Paths in the source tree, found by walking up from the test assembly to the solution file.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ShampooActors.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ShampooActors.sln not found above the test assembly");
    }
}
