using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>
/// The staleness policies and preconditioner faults under the real orchestrator, on the tiny job (11 blocks, a worker each):
/// 20 steps of 10 ms (step s starts at (s − 1)·10 ms unless held), roots every 5 steps from step 5, each computation 25 ms
/// unless a table says otherwise. Without holds, version v is adopted before step v + 3 and staleness cycles 3…7.
/// </summary>
public sealed class StalenessPolicySpec : TestKit
{
    private static readonly TimeSpan StepTime = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void The_wait_policy_holds_each_step_whose_roots_would_pass_the_bound_until_the_newer_version_arrives()
    {
        using var trace = DeliveryTrace.Attach(Sys);
        var options = Policy(StalenessPolicy.Wait, maxStaleness: 5);

        var finished = Run(Job(options, DelayModel.Constant(Delay)));

        Assert.Equal(new JobFinished("completed", 20, null), finished);
        // Step 5 (at 40 ms) snapshots version 5, in at 65 ms; step 6 would use version 0 at staleness 6 > 5, so it waits from
        // 50 ms to 65 ms. Likewise version 10 (step 10 at 105 ms, in at 130 ms) holds step 11 from 115 ms, and so on.
        var waits = trace.EventsOf<StepCompleted>().Select(s => (s.Step, s.Waited)).Where(s => s.Waited > TimeSpan.Zero).ToArray();
        Assert.Equal([(6L, 15 * Ms), (11, 15 * Ms), (16, 15 * Ms)], waits);
        trace.AssertMaxStaleness(5);
        trace.AssertNoStepWaitedLongerThan(15 * Ms);
        Assert.Empty(trace.EventsOf<StalenessWaitTimedOut>());
    }

    [Fact]
    public void The_wait_policy_gives_up_on_a_block_after_its_timeout_and_does_not_wait_for_it_again_until_it_has_newer_roots()
    {
        using var trace = DeliveryTrace.Attach(Sys);
        var options = Policy(StalenessPolicy.Wait, maxStaleness: 5) with { WaitTimeout = 50 * Ms };
        var delays = DelayModel.Table(Delay, (3, 10, TimeSpan.FromSeconds(1)));

        var finished = Run(Job(options, delays));

        Assert.Equal("completed", finished.Outcome);
        // Step 11 waits from 115 ms: the other blocks' version 10 is in at 130 ms, block 3's only after a second, so the
        // wait ends at its timeout, 165 ms, and names block 3 alone.
        var timedOut = Assert.Single(trace.EventsOf<StalenessWaitTimedOut>());
        Assert.Equal(11L, timedOut.Step);
        Assert.Equal([3], timedOut.Blocks);
        var waited = trace.EventsOf<StepCompleted>().ToDictionary(s => s.Step, s => s.Waited);
        Assert.Equal(50 * Ms, waited[11]);
        trace.AssertNoStepWaitedLongerThan(50 * Ms);
        // Later holds are for the other blocks' versions only (15 ms each), never again for block 3's old roots.
        Assert.Equal(15 * Ms, waited[16]);
        Assert.True(trace.StalenessOf(3)[^1].Staleness > 5, "block 3 went on with its stale roots");
    }

    [Fact]
    public void The_graft_only_policy_switches_exactly_the_blocks_past_the_bound_at_each_step()
    {
        var options = Policy(StalenessPolicy.GraftOnly, maxStaleness: 6);
        var delays = DelayModel.Table(Delay, (3, 5, TimeSpan.FromSeconds(10)));
        var observer = new GraftOnlyObserver();

        Run(Job(options, delays, observer));

        // Staleness s − v of step s: blocks other than 3 reach 7 > 6 at steps 7, 12 and 17 (just before each newer version);
        // block 3 never gets roots in these 20 steps (its version 5 takes 10 s and holds its worker), so it is past the bound from step 7 on.
        var others = Enumerable.Range(0, 11).Where(b => b != 3).ToArray();
        for (var step = 1; step <= 20; step++)
        {
            int[] expected = step < 7 ? [] : step is 7 or 12 or 17 ? [.. others.Append(3).Order()] : [3];
            Assert.True(expected.SequenceEqual(observer.GraftOnly[step - 1]), $"step {step}: expected [{string.Join(",", expected)}], got [{string.Join(",", observer.GraftOnly[step - 1])}]");
        }
    }

    [Fact]
    public void A_preconditioner_that_crashes_mid_computation_restarts_and_its_block_recovers_while_training_goes_on()
    {
        using var trace = DeliveryTrace.Attach(Sys);
        var faults = FaultPlan.None.CrashOn(Occurrence.NthOfBlock(4, 1), after: 0.4);

        var finished = Run(Job(Policy(StalenessPolicy.Continue), DelayModel.Constant(Delay), faults: faults));

        Assert.Equal(new JobFinished("completed", 20, null), finished);
        // Version 5 of block 4 crashes at 40 + 10 ms; the retry starts 32 ms later (82 ms) and is in at 107 ms, adopted before
        // step 12 (110 ms). Version 10 (due at 90 ms) waits for that worker until 107 ms and is in at 132 ms: before step 15.
        var failed = Assert.Single(trace.EventsOf<ComputationFailed>());
        Assert.Equal((4, 5L, 32 * Ms), (failed.Block, failed.Version, failed.RetryAfter));
        Assert.Equal([(5L, 12L), (10, 15), (15, 18)], trace.AdoptionsOf(4).Select(a => (a.Version, a.Step)));
        trace.AssertVersionsMonotonePerBlock();
    }

    [Fact]
    public void Repeated_failures_of_a_block_back_off_doubling_and_a_success_resets_the_delay()
    {
        using var trace = DeliveryTrace.Attach(Sys);
        var faults = FaultPlan.None.ThrowOn(Occurrence.NthOfBlock(2, 1)).ThrowOn(Occurrence.NthOfBlock(2, 2)).ThrowOn(Occurrence.NthOfBlock(2, 4));

        Run(Job(Policy(StalenessPolicy.Continue), DelayModel.Constant(Delay), faults: faults));

        Assert.Equal([32 * Ms, 64 * Ms, 32 * Ms], trace.EventsOf<ComputationFailed>().Where(f => f.Block == 2).Select(f => f.RetryAfter));
        Assert.NotEmpty(trace.AdoptionsOf(2));
    }

    [Fact]
    public void A_non_finite_root_is_rejected_and_the_block_keeps_its_previous_roots_until_the_next_good_version()
    {
        using var trace = DeliveryTrace.Attach(Sys);
        var faults = FaultPlan.None.NonFiniteOn(Occurrence.OfVersion(6, 10));
        var observer = new RecordingObserver();

        var finished = Run(Job(Policy(StalenessPolicy.Continue), DelayModel.Constant(Delay), observer, faults));

        Assert.Equal("completed", finished.Outcome);
        var rejected = Assert.Single(trace.EventsOf<RootsRejected>());
        Assert.Equal((6, 10L), (rejected.Block, rejected.Version));
        Assert.Contains("non-finite", rejected.Reason);
        Assert.Equal([(5L, 8L), (15, 18)], trace.AdoptionsOf(6).Select(a => (a.Version, a.Step)));
        Assert.DoesNotContain(trace.EventsOf<RootsPublished>(), p => p.Block == 6 && p.Version == 10);
        Assert.All(observer.ParametersAfterStep.SelectMany(p => p).SelectMany(p => p), v => Assert.True(float.IsFinite(v)));
    }

    private static PreconditioningOptions Policy(StalenessPolicy policy, long maxStaleness = 100) => new()
    {
        Workers = 16,
        Policy = policy,
        MaxStaleness = maxStaleness,
        FailureBackoffMin = 32 * Ms,
    };

    private TrainingJob Job(PreconditioningOptions options, DelayModel delays, ITrainingObserver? observer = null, FaultPlan? faults = null) =>
        TinyJob.Create(20, observer ?? new RecordingObserver(), options, StalenessSimulation.Services(Sys, delays, StepTime, faults), TinyJob.Shampoo(5, 5));

    private JobFinished Run(TrainingJob job)
    {
        var actor = Sys.ActorOf(JobActor.Props(job, new PreconditioningMetrics()), "job");
        actor.Tell(StartTraining.Instance, TestActor);
        return ExpectMsg<JobFinished>(timeout: TimeSpan.FromSeconds(30));
    }

    /// <summary>Records, after each step, which blocks that step updated with the grafted update alone.</summary>
    private sealed class GraftOnlyObserver : ITrainingObserver
    {
        public List<int[]> GraftOnly { get; } = [];

        public void StepCompleted(StepReport report, Replica leader)
        {
            var shampoo = (Shampoo)leader.Optimizer;
            GraftOnly.Add(shampoo.Blocks.Select(b => b.Id).Where(shampoo.IsGraftOnly).ToArray());
        }

        public void SaveCheckpoint(long step, Replica leader)
        {
        }
    }
}
