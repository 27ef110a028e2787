using ShampooActors.Host.Settings;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Tests;

/// <summary>What a resumed run's <see cref="RunLog"/> takes over from the metrics lines it keeps.</summary>
public sealed class RunLogSpec
{
    private static readonly Workload Mlp = Workload.Find("fmnist-mlp")!;

    private static MetricsLine Line(long step, double loss, double seconds, double? testLoss = null, double? testAccuracy = null) =>
        new(step, loss, seconds, StepMs: 1, OptimizerMs: 0.5, ExamplesPerSecond: 100, Lr: 1e-3, TestLoss: testLoss, TestAccuracy: testAccuracy);

    private static RunSummary Summarize(RunLog log) =>
        log.Summarize(Mlp, JobSettings.From(JobConfig.Load(null, [])), new AdamOptions());

    [Fact]
    public void Replayed_lines_keep_the_time_to_target_and_the_last_interval()
    {
        var target = Mlp.TargetLoss;
        var log = new RunLog(target);

        log.Replay([Line(10, target + 1, 1.5), Line(20, target - 0.01, 3.0), Line(30, target + 0.5, 4.5)], step: 30, finalStep: 100);
        log.AddInterval(Line(40, target - 0.2, 6.0));

        Assert.Equal(20, log.StepsToTarget);
        Assert.Equal(3.0, log.SecondsToTarget);
        var summary = Summarize(log);
        Assert.Equal(target - 0.2, summary.FinalTrainLoss);
        Assert.Null(summary.TestLoss);
    }

    [Fact]
    public void A_completed_run_resumed_with_nothing_left_keeps_its_step_count_and_final_test_evaluation()
    {
        var log = new RunLog(Mlp.TargetLoss);

        log.Replay([Line(10, 2.0, 1.0, testLoss: 1.9, testAccuracy: 0.4), Line(20, 1.5, 2.0, testLoss: 1.4, testAccuracy: 0.5)], step: 20, finalStep: 20);

        var summary = Summarize(log);
        Assert.Equal(20, summary.Steps);
        Assert.Equal(1.5, summary.FinalTrainLoss);
        Assert.Equal((1.4, 0.5), (summary.TestLoss, summary.TestAccuracy));
    }
}
