using System.CommandLine;

namespace ShampooActors.Host.Reports;

/// <summary>The <c>compare</c> command: one HTML page overlaying several run folders.</summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output)
    {
        var runs = new Argument<string[]>("runs") { Description = "Run folders to compare", Arity = ArgumentArity.OneOrMore };
        var outFile = new Option<string>("--out") { Description = "HTML file to write", Required = true };
        var command = new Command("compare", "Write one HTML page comparing the metrics and summaries of several runs") { runs, outFile };
        command.SetAction(result =>
        {
            var path = CompareReport.Write(result.GetValue(runs)!, result.GetValue(outFile)!);
            output.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }
}
