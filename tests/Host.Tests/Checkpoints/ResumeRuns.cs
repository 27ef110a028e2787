using System.Text.Json;
using ShampooActors.Host.Checkpoints;

using static ShampooActors.Host.Tests.CliRun;

namespace ShampooActors.Host.Tests.Checkpoints;

/// <summary>Short Fashion-MNIST runs with a small batch through the command line, resumed with <c>train --resume</c>, and what they left.</summary>
internal static class ResumeRuns
{
    /// <summary>Checkpoints and metrics every 10 steps, batch 16, no test evaluation but at the end.</summary>
    private static readonly string[] Common =
        ["--log-every", "10", "--eval-every", "0", "--batch-size", "16", "--set", "checkpoints.every=10", "--progress", "false"];

    /// <summary>Shampoo with its roots computed in the step every 5 steps (synchronous mode).</summary>
    public static readonly string[] ShampooFlags =
        ["--optimizer", "shampoo", "--precondition-every", "5", "--start-preconditioning-step", "5", "--set", "preconditioning.mode=sync"];

    /// <summary>Shampoo with asynchronous roots every 5 steps.</summary>
    public static readonly string[] AsyncShampooFlags =
        ["--optimizer", "shampoo", "--precondition-every", "5", "--start-preconditioning-step", "5", "--set", "preconditioning.mode=async"];

    /// <summary>Trains a new run of <paramref name="steps"/> steps into <paramref name="dir"/>; it must succeed.</summary>
    public static void Train(string dir, int steps, params string[] more)
    {
        var (code, _, err) = Run(["train", "--steps", steps.ToString(), .. Common, .. more, "--out", dir]);
        Assert.True(code == 0, err);
    }

    /// <summary><c>train --resume <paramref name="dir"/></c> with <paramref name="more"/>.</summary>
    public static (int Code, string Out, string Err) Resume(string dir, params string[] more) =>
        Run(["train", "--resume", dir, "--progress", "false", .. more]);

    /// <summary>The path of a run's checkpoint of <paramref name="step"/>.</summary>
    public static string Checkpoint(string dir, int step) => Path.Combine(dir, "checkpoints", $"step-{step:D8}.ckpt");

    /// <summary>The step of every line of a run's metrics.jsonl, in file order.</summary>
    public static long[] MetricsSteps(string dir) => File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"))
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt64()).ToArray();

    /// <summary>The train loss of every line of a run's metrics.jsonl.</summary>
    public static List<double> TrainLosses(string dir) => File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"))
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("train_loss").GetDouble()).ToList();

    /// <summary>A run's summary.json.</summary>
    public static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    /// <summary>The lines of <paramref name="err"/>, empty ones left out.</summary>
    public static string[] Lines(string err) => err.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Asserts that <paramref name="err"/> is one "error: " line without a stack trace, and returns it.</summary>
    public static string OneErrorLine(string err)
    {
        var lines = Lines(err);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain(" at ShampooActors", err);
        return lines[0];
    }

    /// <summary>Every file of a run folder with its bytes, to show that a refused resume wrote nothing.</summary>
    public static Dictionary<string, string> Snapshot(string dir) => Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(File.ReadAllBytes(f)));

    /// <summary>Asserts that two checkpoints hold the same step, model parameters, optimizer buffers and data position, bit for bit.</summary>
    public static void AssertSameState(string expectedPath, string actualPath)
    {
        var expected = CheckpointStore.Read(expectedPath);
        var actual = CheckpointStore.Read(actualPath);
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.Model.Keys.Order(), actual.Model.Keys.Order());
        foreach (var (name, tensor) in expected.Model)
            Assert.True(tensor.Data.SequenceEqual(actual.Model[name].Data), $"parameter {name} differs");
        Assert.Equal(expected.Optimizer.State.Keys.Order(), actual.Optimizer.State.Keys.Order());
        foreach (var (index, parameter) in expected.Optimizer.State)
        {
            Assert.Equal(parameter.Step, actual.Optimizer.State[index].Step);
            Assert.Equal(parameter.Buffers.Keys.Order(), actual.Optimizer.State[index].Buffers.Keys.Order());
            foreach (var (name, buffer) in parameter.Buffers)
                Assert.True(buffer.Data.SequenceEqual(actual.Optimizer.State[index].Buffers[name].Data), $"buffer {name} of parameter {index} differs");
        }
        Assert.Equal(expected.Data.Permutation, actual.Data.Permutation);
        Assert.Equal((expected.Data.Epoch, expected.Data.BatchIndex), (actual.Data.Epoch, actual.Data.BatchIndex));
    }
}
