namespace ShampooActors.Host.Tests;

/// <summary>Runs the CLI in process and captures what it printed.</summary>
internal static class CliRun
{
    /// <summary>The exit code, standard output and standard error of <c>shampoo-actors <paramref name="args"/></c>.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
