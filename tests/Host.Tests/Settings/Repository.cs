namespace ShampooActors.Host.Tests.Settings;

/// <summary>Files of the repository the tests run in (found by walking up to ShampooActors.sln).</summary>
internal static class Repository
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file under hocon/.</summary>
    public static string Hocon(string name) => Path.Combine(Root, "hocon", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShampooActors.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("ShampooActors.sln not found above the test binaries");
    }
}
