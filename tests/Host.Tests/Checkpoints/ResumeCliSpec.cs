using System.Text;
using System.Text.Json;
using ShampooActors.Host.Checkpoints;
using ShampooActors.Host.Settings;

using static ShampooActors.Host.Tests.Checkpoints.ResumeRuns;
using static ShampooActors.Host.Tests.CliRun;

namespace ShampooActors.Host.Tests.Checkpoints;

/// <summary><c>train --resume DIR</c> through the command line: refusals, mistakes, interrupted runs and the clock.</summary>
public sealed class ResumeCliSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-resume-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_newer_checkpoint_of_another_optimizer_is_refused_as_mismatched_and_the_previous_one_is_used()
    {
        var dir = Path.Combine(_root, "run");
        var other = Path.Combine(_root, "sgd");
        Train(dir, 20);
        Train(other, 30, "--optimizer", "sgd");
        File.Copy(Checkpoint(other, 30), Checkpoint(dir, 30));

        var (code, _, err) = Resume(dir, "--steps", "30");

        Assert.True(code == 0, err);
        Assert.Equal(["refused checkpoints/step-00000030.ckpt: mismatched: optimizer state dict does not match: it was saved by Sgd, this optimizer is Adam"],
            Lines(err));
        Assert.Equal("Adam", CheckpointStore.Read(Checkpoint(dir, 30)).Optimizer.Optimizer);
        Assert.Equal([10, 20, 30], MetricsSteps(dir));
    }

    [Fact]
    public void Shampoo_state_of_another_block_size_is_refused_and_with_no_checkpoint_left_the_resume_is_one_error_line_that_writes_nothing()
    {
        var dir = Path.Combine(_root, "run");
        Train(dir, 20, ShampooFlags);
        var before = Snapshot(dir);

        var (code, _, err) = Resume(dir, "--steps", "30", "--set", "optimizer.shampoo.blocking.block-size=64");

        Assert.Equal(Cli.UsageExitCode, code);
        var line = OneErrorLine(err);
        Assert.StartsWith($"error: --resume {dir} has no checkpoint this job can continue from: refused checkpoints/step-00000020.ckpt: mismatched: " +
            "optimizer state dict does not match: parameter 0 of group 0 has state buffers", line);
        Assert.EndsWith("; 1 older refused too", line);
        Assert.Equal(before, Snapshot(dir));
    }

    [Theory]
    [InlineData("--config", "--resume cannot be combined with --config")]
    [InlineData("--out", "--resume cannot be combined with --out")]
    public void Resume_with_config_or_out_is_one_error_line(string flag, string message)
    {
        var dir = Path.Combine(_root, "run");
        Train(dir, 10);
        var before = Snapshot(dir);
        var other = Path.Combine(_root, "other");

        var (code, _, err) = Resume(dir, flag, flag == "--config" ? Path.Combine(dir, "config.conf") : other);

        Assert.Equal(Cli.UsageExitCode, code);
        Assert.StartsWith($"error: {message}", OneErrorLine(err));
        Assert.False(Directory.Exists(other));
        Assert.Equal(before, Snapshot(dir));
    }

    [Fact]
    public void A_folder_that_is_missing_holds_no_config_or_has_no_checkpoints_is_one_error_line()
    {
        var missing = Path.Combine(_root, "missing");
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var unsaved = Path.Combine(_root, "unsaved");
        Assert.Equal(0, Run("train", "--steps", "5", "--batch-size", "16", "--eval-every", "0", "--out", unsaved, "--progress", "false").Code);

        Assert.Contains("no such folder", OneErrorLine(Resume(missing).Err));
        Assert.Contains("holds no config.conf", OneErrorLine(Resume(empty).Err));
        Assert.Contains("has no checkpoints", OneErrorLine(Resume(unsaved).Err));
        Assert.False(Directory.Exists(missing));
        Assert.Empty(Directory.GetFileSystemEntries(empty));
    }

    [Fact]
    public void A_checkpoint_past_the_jobs_steps_is_one_error_line_that_writes_nothing()
    {
        var dir = Path.Combine(_root, "run");
        Train(dir, 20);
        var before = Snapshot(dir);

        var (code, _, err) = Resume(dir, "--steps", "15");

        Assert.Equal(Cli.UsageExitCode, code);
        Assert.Contains("is at step 20, past training.steps 15", OneErrorLine(err));
        Assert.Equal(before, Snapshot(dir));
    }

    [Fact]
    public void An_interrupted_run_saves_its_last_step_with_checkpoints_off_and_a_resume_finishes_it_with_each_step_logged_once()
    {
        var dir = Path.Combine(_root, "run");
        using var cancel = new CancellationTokenSource();
        var config = JobConfig.Load(null, new[] { "training.steps=1000", "training.batch-size=16", "logging.log-every=10", "logging.eval-every=0" }
            .Select(ConfigOverride.Parse).ToArray());
        var settings = JobSettings.From(config);
        var interrupted = new TrainingRun(settings, config, dir, new ProgressDisplay(false, new CancelOnWrite(cancel)), TextWriter.Null);

        Assert.Equal(TrainingRun.InterruptedExitCode, interrupted.Execute(cancel.Token));
        Assert.Equal(0, settings.Checkpoints.Every);
        // The stop reaches the step loop as a message, so it lands at the boundary after step 10 or a few steps later.
        var stopped = Summary(dir).GetProperty("steps").GetInt64();
        Assert.InRange(stopped, 10, 999);
        Assert.Equal([$"step-{stopped:D8}.ckpt"], Directory.GetFiles(Path.Combine(dir, "checkpoints")).Select(Path.GetFileName));
        // A line per 10 steps, and the partial interval the stop ended.
        var logged = Enumerable.Range(1, (int)stopped / 10).Select(k => 10L * k).Concat(stopped % 10 == 0 ? [] : [stopped]).ToArray();
        Assert.Equal(logged, MetricsSteps(dir));

        var (code, _, err) = Resume(dir);

        Assert.True(code == 0, err);
        Assert.Equal(logged.Concat(Enumerable.Range(1, 100).Select(k => 10L * k).Where(s => s > stopped)), MetricsSteps(dir));
        Assert.Equal(1000, Summary(dir).GetProperty("steps").GetInt64());
        Assert.Equal("completed", Summary(dir).GetProperty("outcome").GetString());
        Assert.True(File.Exists(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void The_clock_of_a_resumed_run_continues_from_the_training_seconds_of_its_checkpoint()
    {
        var dir = Path.Combine(_root, "run");
        Train(dir, 20);
        var path = Checkpoint(dir, 20);
        const double before = 1000;
        File.WriteAllBytes(path, CheckpointFile.Serialize(CheckpointStore.Read(path) with { WallSeconds = before }));

        var (code, _, err) = Resume(dir, "--steps", "30");

        Assert.True(code == 0, err);
        var last = JsonDocument.Parse(File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"))[^1]).RootElement;
        Assert.Equal(30, last.GetProperty("step").GetInt64());
        var seconds = last.GetProperty("wall_seconds").GetDouble();
        Assert.InRange(seconds, before, before + 60);
        Assert.InRange(Summary(dir).GetProperty("wall_seconds").GetDouble(), seconds, before + 60);
        Assert.InRange(CheckpointStore.Read(Checkpoint(dir, 30)).WallSeconds ?? 0, before, before + 60);
    }

    /// <summary>A progress display's plain output that presses Ctrl+C at the first metrics line it is given.</summary>
    private sealed class CancelOnWrite(CancellationTokenSource cancel) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value) => cancel.Cancel();
    }
}
