using System.CommandLine;

namespace ShampooActors.Host.Reports;

/// <summary>The <c>report</c> command: (re)writes <c>report.html</c> of run folders, e.g. of a run that was killed before it could.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var runs = new Argument<string[]>("RUN") { Description = "Run folders", Arity = ArgumentArity.OneOrMore };
        var command = new Command("report", "Write report.html of each run folder from its metrics, summary and config") { runs };
        command.SetAction(result =>
        {
            var folders = result.GetValue(runs) ?? [];
            // Every folder is checked before any report is written, so a mistake in the list changes nothing.
            foreach (var run in folders)
            {
                if (!RunData.Load(RequireFolder(run)).IsRun)
                    throw new UsageException($"{run} is not a run folder (it has no {MetricsFile.FileName} or {SummaryFile.FileName})");
            }
            foreach (var run in folders)
                output.WriteLine($"wrote {RunReport.Write(run)}");
            return 0;
        });
        return command;
    }

    private static string RequireFolder(string path) =>
        Directory.Exists(path) ? path : throw new UsageException($"{path} is not a folder");
}
