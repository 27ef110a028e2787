namespace ShampooActors.Host;

/// <summary>The shampoo-actors command line.</summary>
public static class Cli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static int Run(string[] args) => 0;
}
