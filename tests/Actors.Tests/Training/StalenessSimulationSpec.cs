using ShampooActors.Actors.Training;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>
/// The simulator under the real orchestrator, on the tiny job (11 blocks, workers for all): steps of 10 ms, roots due
/// after steps 5, 10, 15, 20, each computation 25 ms. Step s runs at (s − 1)·10 ms, so the roots of version v (asked at (v − 1)·10 ms) arrive at
/// (v − 1)·10 + 25 ms and are adopted at the next step boundary, before step v + 3 (at (v + 2)·10 ms).
/// </summary>
public sealed class StalenessSimulationSpec : TestKit
{
    private static readonly TimeSpan StepTime = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(25);
    private const int PreconditionEvery = 5;

    [Fact]
    public void With_a_constant_delay_each_block_adopts_every_version_three_steps_after_it_and_staleness_cycles_from_3_to_7()
    {
        using var trace = DeliveryTrace.Attach(Sys);
        var observer = new RecordingObserver();

        var finished = Run(Job(StalenessSimulation.Services(Sys, DelayModel.Constant(Delay), StepTime), observer));

        Assert.Equal(new JobFinished("completed", 20, null), finished);
        Assert.Equal(20, observer.Steps.Count);
        var perBlock = trace.StalenessPerBlock();
        Assert.Equal(11, perBlock.Count);
        // Steps 1–7 use the identity (version 0); then version 5 from step 8, 10 from step 13, 15 from step 18.
        long[] expected = [1, 2, 3, 4, 5, 6, 7, 3, 4, 5, 6, 7, 3, 4, 5, 6, 7, 3, 4, 5];
        Assert.All(perBlock.Values, samples => Assert.Equal(expected, samples.Select(s => s.Staleness)));
        Assert.All(trace.AdoptionsPerBlock().Values, adoptions => Assert.Equal([(5L, 8L), (10, 13), (15, 18)], adoptions.Select(a => (a.Version, a.Step))));
        trace.AssertMaxStaleness(7);
        trace.AssertMaxStaleness(3 + PreconditionEvery - 1, fromStep: 8);
        trace.AssertVersionsMonotonePerBlock();
        trace.AssertNoStepWaitedLongerThan(TimeSpan.Zero);
        Assert.Empty(trace.EventsOf<FaultInjected>());
    }

    [Fact]
    public void Faults_delay_the_blocks_they_hit_while_versions_stay_monotone()
    {
        var faults = FaultPlan.None
            .ThrowOn(Occurrence.NthOfBlock(1, 1)) // block 1's version 5 fails at 40 ms; retried at 72 ms, in at 97 ms
            .HoldBack(Occurrence.OfVersion(0, 5)) // block 0's version 5 goes out after its version 10, at 115 ms
            .Duplicate(Occurrence.OfVersion(2, 10)); // block 2's version 10 reaches the registry twice
        using var trace = DeliveryTrace.Attach(Sys);

        var finished = Run(Job(StalenessSimulation.Services(Sys, DelayModel.Constant(Delay), StepTime, faults), new RecordingObserver(), TimeSpan.FromMilliseconds(32)));

        Assert.Equal("completed", finished.Outcome);
        Assert.Equal([(FaultKind.Throw, 1, 5L), (FaultKind.HoldBackForBlock, 0, 5), (FaultKind.Duplicate, 2, 10)],
            trace.EventsOf<FaultInjected>().Select(f => (f.Kind, f.Block, f.Version)).OrderBy(f => f.Version).ThenBy(f => f.Kind));
        Assert.Equal([(1, 5L)], trace.EventsOf<ComputationFailed>().Select(f => (f.Block, f.Version)));
        Assert.Equal([(10L, 13L), (15, 18)], trace.AdoptionsOf(0).Select(a => (a.Version, a.Step)));
        // Block 1 is busy with the retry of version 5 until 97 ms, so its version 10 (due at 90 ms) starts then and is in at 122 ms.
        Assert.Equal([(5L, 11L), (10, 14), (15, 18)], trace.AdoptionsOf(1).Select(a => (a.Version, a.Step)));
        Assert.Equal([(5L, 8L), (10, 13), (15, 18)], trace.AdoptionsOf(2).Select(a => (a.Version, a.Step)));
        Assert.Equal([(0, 5L, 10L), (2, 10, 10)], trace.EventsOf<PublicationIgnored>().Select(p => (p.Block, p.Version, p.Current)).Order());
        // Block 0 keeps the identity until step 13: staleness 12 at step 12, the largest of the run.
        Assert.Equal(new StalenessSample(12, 12), trace.StalenessOf(0)[11]);
        Assert.Equal(12, trace.MaxStaleness(fromStep: 8));
        trace.AssertVersionsMonotonePerBlock();
    }

    /// <summary>20 steps of the tiny job, roots every 5 steps from step 5, a worker per block, retries after <paramref name="backoff"/> (default 100 ms).</summary>
    private static TrainingJob Job(TrainingServices services, RecordingObserver observer, TimeSpan? backoff = null) =>
        TinyJob.Create(20, observer, new PreconditioningOptions { Workers = 16, FailureBackoffMin = backoff ?? TimeSpan.FromMilliseconds(100) },
            services, TinyJob.Shampoo(PreconditionEvery, PreconditionEvery));

    private JobFinished Run(TrainingJob job)
    {
        var actor = Sys.ActorOf(JobActor.Props(job, new PreconditioningMetrics()), "job");
        actor.Tell(StartTraining.Instance, TestActor);
        return ExpectMsg<JobFinished>(timeout: TimeSpan.FromSeconds(10));
    }
}
