using System.Text.RegularExpressions;

namespace ShampooActors.Host.Checkpoints;

/// <summary>
/// Where a resumed run continues: the newest checkpoint of a run folder that reads back intact and fits the job, already
/// restored into live objects built for the job, with its path and why each newer checkpoint was refused.
/// </summary>
internal sealed partial record ResumePoint(TrainingState State, Checkpoint Checkpoint, string Path, IReadOnlyList<CheckpointRefusal> Refusals)
{
    /// <summary>The folder of a run's checkpoints inside its run folder.</summary>
    public const string Folder = "checkpoints";

    /// <summary>
    /// Tries the checkpoints of <paramref name="runFolder"/>, newest first: each that reads intact is restored into the objects
    /// <paramref name="build"/> makes for the job (see <see cref="ForJob"/>); the first that restores whole is the point. Objects a
    /// restore failed in are discarded, since the parts restored before the failure would carry over. No usable checkpoint is a
    /// <see cref="UsageException"/>.
    /// </summary>
    public static ResumePoint Find(string runFolder, Func<TrainingState> build)
    {
        var store = new CheckpointStore(System.IO.Path.Combine(runFolder, Folder), keep: int.MaxValue);
        var refusals = new List<CheckpointRefusal>();
        TrainingState? state = null;
        foreach (var (path, checkpoint, error) in store.NewestFirst())
        {
            var name = Name(runFolder, path);
            if (checkpoint is null)
            {
                refusals.Add(new CheckpointRefusal(name, error!.Reason));
                continue;
            }
            state ??= build();
            try
            {
                state.Restore(ForJob(checkpoint, state));
                return new ResumePoint(state, checkpoint, path, refusals);
            }
            catch (ArgumentException e)
            {
                refusals.Add(new CheckpointRefusal(name, "mismatched: " + Describe(e)));
                state = null;
            }
        }
        if (refusals.Count == 0)
            throw new UsageException($"--resume {runFolder} has no checkpoints to continue from (a run saves them with checkpoints.every > 0, and when interrupted)");
        var older = refusals.Count > 1 ? $"; {refusals.Count - 1} older refused too" : "";
        throw new UsageException($"--resume {runFolder} has no checkpoint this job can continue from: {refusals[0]}{older}");
    }

    /// <summary>
    /// The checkpoint as this job continues it: the optimizer state under the job's options, so the optimizer checks the saved
    /// buffers against the shapes the job's options give (another block size refuses it), and the schedule's position with the
    /// job's base learning rates. A setting that leaves the state's shapes alone (lr, betas, the schedule) takes effect from the
    /// resumed step; with the run's own config the checkpoint is unchanged but for the lr in the options, which the schedule sets.
    /// </summary>
    private static Checkpoint ForJob(Checkpoint checkpoint, TrainingState live)
    {
        var groups = live.Optimizer.ParamGroups;
        var saved = checkpoint.Optimizer.ParamGroups;
        if (saved.Count != groups.Count)
            return checkpoint;
        var optimizer = checkpoint.Optimizer with { ParamGroups = saved.Select((g, i) => g with { Options = groups[i].Options }).ToArray() };
        var scheduler = checkpoint.Scheduler with { BaseLrs = live.Scheduler.BaseLrs.ToArray() };
        return checkpoint with { Optimizer = optimizer, Scheduler = scheduler };
    }

    /// <summary>A checkpoint's path relative to the run folder, with forward slashes: <c>checkpoints/step-00000600.ckpt</c>.</summary>
    private static string Name(string runFolder, string path) =>
        System.IO.Path.GetRelativePath(runFolder, path).Replace(System.IO.Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// The exception's message on one line, without .NET's " (Parameter 'state')" suffix, and with a long bracketed list (a
    /// Shampoo parameter's state buffers, one per block factor) cut to its first names and its length.
    /// </summary>
    private static string Describe(ArgumentException e)
    {
        var message = e.ParamName is { } parameter ? e.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal) : e.Message;
        return LongList().Replace(message.ReplaceLineEndings(" "), m =>
        {
            var items = m.Groups[1].Value.Split(", ");
            return items.Length <= ListItems ? m.Value : $"[{string.Join(", ", items.Take(ListItems))}, … ({items.Length} in all)]";
        });
    }

    private const int ListItems = 4;

    [GeneratedRegex(@"\[([^\[\]]*)\]")]
    private static partial Regex LongList();
}
