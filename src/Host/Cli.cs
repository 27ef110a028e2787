using System.CommandLine;
using ShampooActors.Configuration;
using ShampooActors.Host.Reports;
using ShampooActors.Math.Data;
using ShampooActors.Math.Native;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host;

/// <summary>The shampoo-actors command line: parses, runs, and turns user mistakes into one line and exit code 2.</summary>
public static class Cli
{
    /// <summary>Exit code for a mistake in the invocation or its inputs.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>As <see cref="Run(string[])"/>, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("ShampooActors: second-order optimizers with asynchronous preconditioners")
        {
            TrainCommand.Create(output, error),
            ConfigCommand.Create(output),
            CompareCommand.Create(output),
            ReportCommand.Create(output),
            NodeCommand.Create(output),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var help = command == root ? "shampoo-actors --help" : $"shampoo-actors {command.Name} --help";
            error.WriteLine($"error: {parsed.Errors[0].Message} (see {help})");
            return UsageExitCode;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception e) when (e is UsageException or ConfigException or DatasetException or InvalidOptionsException or NativeLibraryMissingException)
        {
            error.WriteLine($"error: {e.Message}");
            return UsageExitCode;
        }
    }
}
