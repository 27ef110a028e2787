using static ShampooActors.Host.Tests.Checkpoints.ResumeRuns;

namespace ShampooActors.Host.Tests.Checkpoints;

/// <summary>Resumed runs against uninterrupted ones, bit for bit (so alone: see <see cref="AloneCollection"/>).</summary>
[Collection(nameof(AloneCollection))]
public sealed class ResumeBitwiseSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-resume-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("adam")]
    [InlineData("shampoo")]
    public void A_run_of_20_steps_resumed_to_30_ends_bitwise_where_the_uninterrupted_30_step_run_ends(string optimizer)
    {
        string[] flags = optimizer == "shampoo" ? ShampooFlags : ["--optimizer", optimizer];
        var through = Path.Combine(_root, "through");
        var resumed = Path.Combine(_root, "resumed");
        Train(through, 30, flags);
        Train(resumed, 20, flags);

        var (code, _, err) = Resume(resumed, "--set", "training.steps=30");

        Assert.True(code == 0, err);
        Assert.Equal("", err);
        AssertSameState(Checkpoint(through, 30), Checkpoint(resumed, 30));
        Assert.Equal([10, 20, 30], MetricsSteps(resumed));
        Assert.Equal(30, Summary(resumed).GetProperty("steps").GetInt64());
        Assert.Equal("completed", Summary(resumed).GetProperty("outcome").GetString());
        Assert.Contains("steps = 30", File.ReadAllText(Path.Combine(resumed, "config.conf")));
    }

    [Fact]
    public void An_asynchronous_run_resumed_follows_the_loss_trajectory_of_the_uninterrupted_one_closely()
    {
        var through = Path.Combine(_root, "through");
        var resumed = Path.Combine(_root, "resumed");
        // The wait policy bounds every block's staleness by precondition-every, so only when within that bound a root lands
        // differs between the runs, however loaded the machine.
        string[] flags = [.. AsyncShampooFlags, "--set", "preconditioning.staleness-policy=wait", "--set", "preconditioning.max-staleness=5"];
        Train(through, 60, flags);
        Train(resumed, 30, flags);

        var (code, _, err) = Resume(resumed, "--set", "training.steps=60");

        Assert.True(code == 0, err);
        var expected = TrainLosses(through);
        var actual = TrainLosses(resumed);
        Assert.Equal(6, actual.Count);
        Assert.All(expected.Zip(actual), pair => Assert.InRange(pair.Second, 0.9 * pair.First, 1.1 * pair.First));
    }

    [Fact]
    public void A_corrupt_newest_checkpoint_is_refused_in_one_line_and_the_run_continues_from_the_previous_one()
    {
        var dir = Path.Combine(_root, "run");
        Train(dir, 30);
        var newest = Checkpoint(dir, 30);
        var asTrained = Path.Combine(_root, "step-30-as-trained.ckpt");
        File.Copy(newest, asTrained);
        var metricsBefore = File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"));
        var bytes = File.ReadAllBytes(newest);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(newest, bytes);

        var (code, _, err) = Resume(dir);

        Assert.True(code == 0, err);
        Assert.Equal(["refused checkpoints/step-00000030.ckpt: corrupt: its checksum does not match"], Lines(err));
        Assert.True(File.Exists(newest + ".refused"), "the refused file is set aside");
        AssertSameState(asTrained, newest);
        Assert.Equal([10, 20, 30], MetricsSteps(dir));
        Assert.Equal(metricsBefore[..2], File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"))[..2]);
    }
}
