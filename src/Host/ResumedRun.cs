using ShampooActors.Configuration;
using ShampooActors.Host.Checkpoints;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>
/// <c>train --resume DIR</c>: the run in DIR continues from its newest checkpoint that fits the job (DIR/config.conf with the
/// command line's settings on top). Every check comes before anything in DIR is written.
/// </summary>
internal static class ResumedRun
{
    /// <summary>The job file of a run folder.</summary>
    public const string ConfigFile = "config.conf";

    /// <summary>
    /// The job file of the run in <paramref name="folder"/>; refuses <c>--resume</c> with <c>--config</c> or <c>--out</c>, and a
    /// folder that is not there or holds no <c>config.conf</c>.
    /// </summary>
    public static string JobFile(string folder, string? config, string? outDir)
    {
        if (config is not null)
            throw new UsageException("--resume cannot be combined with --config: the job is the run's config.conf (change it with --set)");
        if (outDir is not null)
            throw new UsageException("--resume cannot be combined with --out: a resumed run continues in its own folder");
        if (!Directory.Exists(folder))
            throw new UsageException($"--resume {folder}: no such folder");
        var file = Path.Combine(folder, ConfigFile);
        if (!File.Exists(file))
            throw new UsageException($"--resume {folder} holds no {ConfigFile}; it is not a run folder written by train");
        return file;
    }

    /// <summary>
    /// Restores the newest usable checkpoint of <paramref name="folder"/> into objects <paramref name="build"/> makes, reports each
    /// refused one on <paramref name="error"/> and renames those (all newer than the one used) to <c>*.refused</c>, so they are
    /// neither resumed from later nor counted by <c>checkpoints.keep</c>; keeps the metrics lines up to the checkpoint's step,
    /// and rewrites <c>config.conf</c> when the command line changed the job.
    /// </summary>
    public static RunStart Open(string folder, Func<TrainingState> build, Config job, JobSettings settings, TextWriter error)
    {
        var point = ResumePoint.Find(folder, build);
        var step = point.Checkpoint.Step;
        if (step > settings.Training.Steps)
            throw new UsageException($"--resume {folder}: its checkpoint {Path.GetFileName(point.Path)} is at step {step}, past " +
                $"training.steps {settings.Training.Steps}; set training.steps to at least {step}");
        var metrics = KeptMetrics.Read(Path.Combine(folder, "metrics.jsonl"), step);
        var changed = job.Render(origins: false) != JobConfig.Load(Path.Combine(folder, ConfigFile), []).Render(origins: false);

        foreach (var refusal in point.Refusals)
        {
            error.WriteLine(refusal);
            var path = Path.Combine(folder, refusal.File);
            if (File.Exists(path))
                File.Move(path, path + ".refused", overwrite: true);
        }
        var run = RunDirectory.Resume(folder, metrics.Text);
        try
        {
            if (changed)
                run.WriteConfig(BrokerSettings.Recordable(job).Render(origins: true));
        }
        catch
        {
            run.Dispose();
            throw;
        }
        var seconds = point.Checkpoint.WallSeconds ?? (metrics.Lines.Count > 0 ? metrics.Lines[^1].WallSeconds : 0);
        return new RunStart(point.State, run, step, seconds, metrics.Lines);
    }
}
