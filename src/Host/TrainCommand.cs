using System.CommandLine;
using ShampooActors.Configuration;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>The <c>train</c> command: a job config (or, with <c>--resume</c>, a run's), command-line overrides on top, and the run it describes.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<string?>("--config") { Description = "Job file (HOCON) layered over reference.conf (default: reference.conf alone)" };
        var set = SetOption();
        var outDir = new Option<string?>("--out") { Description = "Run folder (default: runs/<workload>-<optimizer>-<time>)" };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the run in this folder from its newest usable checkpoint; the job is its config.conf with --set on top",
        };
        var shorthands = new Shorthands();
        var command = new Command("train", "Train the job a config describes; write metrics, summary, the resolved config and a report to the run folder")
        {
            config, set, outDir, resume,
        };
        foreach (var option in shorthands.Options)
            command.Options.Add(option);
        command.SetAction(result =>
        {
            var resumeFrom = result.GetValue(resume);
            var file = resumeFrom is null ? result.GetValue(config) : ResumedRun.JobFile(resumeFrom, result.GetValue(config), result.GetValue(outDir));
            var job = Load(file, result.GetValue(set) ?? [], shorthands, result);
            var settings = JobSettings.From(job);
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // The first Ctrl+C stops at the next step boundary and saves; a second one ends the process at once.
                e.Cancel = !cancel.IsCancellationRequested;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var display = ProgressDisplay.ForConsole(settings.Logging.Progress);
                return new TrainingRun(settings, job, result.GetValue(outDir), display, output) { ResumeFrom = resumeFrom, Error = error }
                    .Execute(cancel.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    /// <summary>The repeatable <c>--set path=value</c> option.</summary>
    public static Option<string[]> SetOption() => new("--set")
    {
        Description = "Override one setting: --set optimizer.adam.lr=3e-3 (repeatable; HOCON values; later ones win)",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>
    /// The resolved job config: <paramref name="sets"/> over the shorthand flags over the job file over reference.conf. Optimizer flags
    /// go into the section of the kind the rest of the config chooses, so the kind is read first.
    /// </summary>
    public static Config Load(string? file, IReadOnlyList<string> sets, Shorthands? shorthands, ParseResult result)
    {
        var explicitSets = sets.Select(ConfigOverride.Parse).ToArray();
        var general = shorthands?.General(result) ?? [];
        var job = JobConfig.Load(file, [.. general, .. explicitSets]);
        if (shorthands is null)
            return job;
        var ofOptimizer = shorthands.OfOptimizer(result, job.GetString("optimizer.kind"));
        return ofOptimizer.Count == 0 ? job : JobConfig.Load(file, [.. general, .. ofOptimizer, .. explicitSets]);
    }
}
