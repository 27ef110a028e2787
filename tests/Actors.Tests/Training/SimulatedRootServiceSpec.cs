using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>The simulated root service: its virtual delays, its roots and its computation faults, alone and behind a preconditioner.</summary>
public sealed class SimulatedRootServiceSpec : TestKit
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void A_computation_completes_exactly_after_its_virtual_delay_and_not_one_tick_earlier()
    {
        var service = Service(DelayModel.Constant(Ms(30)));

        var task = service.ComputeAsync(DiagonalSnapshots.TwoFactors(), CancellationToken.None);
        Advance(Ms(30) - Tick);
        Assert.False(task.IsCompleted);
        Assert.Equal(1, service.InFlight);

        Advance(Tick);
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(0, service.InFlight);
    }

    [Fact]
    public void Each_computation_takes_the_delay_the_model_gives_its_block_and_version()
    {
        var service = Service(DelayModel.Table(Ms(50), (1, 10, Ms(20))));

        var slow = service.ComputeAsync(DiagonalSnapshots.TwoFactors(block: 0), CancellationToken.None);
        var fast = service.ComputeAsync(DiagonalSnapshots.TwoFactors(block: 1), CancellationToken.None);
        Advance(Ms(20));
        Assert.True(fast.IsCompleted);
        Assert.False(slow.IsCompleted);

        Advance(Ms(30) - Tick);
        Assert.False(slow.IsCompleted);
        Advance(Tick);
        Assert.True(slow.IsCompleted);
    }

    [Fact]
    public void A_zero_delay_completes_at_once()
    {
        var task = Service(DelayModel.Constant(TimeSpan.Zero)).ComputeAsync(DiagonalSnapshots.TwoFactors(), CancellationToken.None);

        Assert.True(task.IsCompletedSuccessfully);
    }

    [Fact]
    public void By_default_the_roots_are_the_real_inverse_roots_of_the_snapshot()
    {
        var roots = Result(Service(DelayModel.Constant(Ms(5))).ComputeAsync(DiagonalSnapshots.TwoFactors(block: 3, version: 40), CancellationToken.None));

        Assert.Equal((3, 40L), (roots.BlockId, roots.Version));
        Assert.True(roots.Accepted);
        // (A + ε·I)^(−1/p) with the relative ridge ε = 1e-6·λ_max: diag(4, 9)^(−1/2) and diag(1, 16, 81)^(−1/4).
        AssertDiagonal([Root(4, 9e-6, 2), Root(9, 9e-6, 2)], roots.Factors[0].Root!);
        AssertDiagonal([Root(1, 81e-6, 4), Root(16, 81e-6, 4), Root(81, 81e-6, 4)], roots.Factors[1].Root!);
        Assert.Equal(1 / 3.0, roots.Factors[1].Root![8], 1e-6);
    }

    [Fact]
    public void Identity_roots_are_accepted_identity_matrices_of_each_factor()
    {
        var roots = Result(Service(DelayModel.Constant(Ms(5)), roots: SimulatedRoots.Identity).ComputeAsync(DiagonalSnapshots.TwoFactors(), CancellationToken.None));

        Assert.True(roots.Accepted);
        Assert.Equal([1, 0, 0, 1], roots.Factors[0].Root!);
        Assert.Equal([1, 0, 0, 0, 1, 0, 0, 0, 1], roots.Factors[1].Root!);
        Assert.Null(PreconditionerActor.Invalid(DiagonalSnapshots.TwoFactors(), roots));
    }

    [Fact]
    public void A_throw_fault_fails_the_kth_computation_at_once_and_spares_the_others()
    {
        var service = Service(DelayModel.Constant(Ms(10)), FaultPlan.None.ThrowOn(Occurrence.Nth(2)));

        var first = service.ComputeAsync(DiagonalSnapshots.TwoFactors(block: 0), CancellationToken.None);
        var second = service.ComputeAsync(DiagonalSnapshots.TwoFactors(block: 1), CancellationToken.None);
        var third = service.ComputeAsync(DiagonalSnapshots.TwoFactors(block: 2), CancellationToken.None);

        var error = Assert.IsType<SimulatedFaultException>(second.Exception?.InnerException);
        Assert.Contains("computation #2 (block 1 version 10)", error.Message);
        Advance(Ms(10));
        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(third.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_fault_of_a_block_counts_only_that_blocks_computations()
    {
        var service = Service(DelayModel.Constant(Ms(10)), FaultPlan.None.ThrowOn(Occurrence.NthOfBlock(1, 2)));

        var tasks = new[] { 0, 1, 0, 1 }.Select(b => service.ComputeAsync(DiagonalSnapshots.TwoFactors(block: b), CancellationToken.None)).ToArray();
        Advance(Ms(10));

        Assert.Equal([true, true, true, false], tasks.Select(t => t.IsCompletedSuccessfully));
        Assert.Equal([null, null, null, FaultKind.Throw], service.Computations.Select(c => c.Fault));
    }

    [Fact]
    public void A_crash_fails_the_computation_after_its_part_of_the_delay()
    {
        var service = Service(DelayModel.Constant(Ms(40)), FaultPlan.None.CrashOn(Occurrence.Nth(1), 0.25));

        var task = service.ComputeAsync(DiagonalSnapshots.TwoFactors(), CancellationToken.None);
        Advance(Ms(10) - Tick);
        Assert.False(task.IsCompleted);

        Advance(Tick);
        Assert.True(task.IsFaulted);
        Assert.Contains("crashed after 10 ms of 40 ms", task.Exception!.InnerException!.Message);
    }

    [Fact]
    public void A_non_finite_fault_returns_a_NaN_root_flagged_accepted_which_validation_rejects()
    {
        var snapshot = DiagonalSnapshots.TwoFactors();
        var service = Service(DelayModel.Constant(Ms(10)), FaultPlan.None.NonFiniteOn(Occurrence.OfVersion(0, 10)));

        var roots = Result(service.ComputeAsync(snapshot, CancellationToken.None));

        Assert.True(roots.Factors[0].Accepted);
        Assert.True(roots.Factors[0].Diagnostics.Accepted);
        Assert.True(double.IsNaN(roots.Factors[0].Root![0]));
        Assert.Equal(1 / 3.0, roots.Factors[0].Root![3], 1e-5);
        Assert.Equal("factor 0 has a non-finite entry", PreconditionerActor.Invalid(snapshot, roots));
    }

    [Fact]
    public void Every_computation_is_recorded_with_when_it_was_asked_its_delay_and_its_fault()
    {
        var service = Service(DelayModel.Table(Ms(10), (1, 20, Ms(25))), FaultPlan.None.CrashOn(Occurrence.NthOfBlock(1, 1)));
        var start = Now;

        service.ComputeAsync(DiagonalSnapshots.TwoFactors(block: 0, version: 20), CancellationToken.None);
        Advance(Ms(3));
        service.ComputeAsync(DiagonalSnapshots.TwoFactors(block: 1, version: 20), CancellationToken.None);

        Assert.Equal(
            [
                new SimulatedComputation(1, 0, 20, start, Ms(10), null),
                new SimulatedComputation(2, 1, 20, start + Ms(3), Ms(25), FaultKind.Crash),
            ],
            service.Computations);
    }

    [Fact]
    public void An_injected_computation_fault_is_published_on_the_event_stream_when_the_service_has_one()
    {
        var service = new SimulatedRootService(Sys.Scheduler.Clock, DelayModel.Constant(Ms(10)), FaultPlan.None.NonFiniteOn(Occurrence.Nth(1)), events: Sys.EventStream);

        var injected = ExpectEvent<FaultInjected>(() => service.ComputeAsync(DiagonalSnapshots.TwoFactors(block: 2, version: 30), CancellationToken.None));

        Assert.Equal(new FaultInjected(Now, 2, 30, FaultKind.NonFinite, 1), injected);
    }

    [Fact]
    public void A_cancelled_computation_ends_cancelled_and_no_longer_waits()
    {
        var service = Service(DelayModel.Constant(Ms(30)));
        using var cancel = new CancellationTokenSource();

        var task = service.ComputeAsync(DiagonalSnapshots.TwoFactors(), cancel.Token);
        cancel.Cancel();

        Assert.True(task.IsCanceled);
        Assert.Equal(0, service.InFlight);
    }

    [Fact]
    public void Behind_a_preconditioner_the_roots_are_published_exactly_at_the_delay_on_the_actors_turn()
    {
        var service = Service(DelayModel.Constant(Ms(30)));
        var registry = CreateTestProbe("registry");
        var parent = Sys.ActorOf(Props.Create(() => new Parent(PreconditionerActor.Props(service, registry.Ref, "numeric"), TestActor)), "pool");
        var start = Now;

        parent.Tell(new ComputeRoots(DiagonalSnapshots.TwoFactors(block: 1, version: 20)));
        Advance(Ms(30) - Tick);
        Assert.False(registry.HasMessages);

        Advance(Tick);
        var ready = registry.ExpectMsg<PreconditionerReady>(timeout: TimeSpan.Zero);
        Assert.Equal((1, 20L), (ready.Block, ready.Version));
        Assert.Equal(start + Ms(30), Now);
        Assert.Equal(ComputationOutcome.Published, ExpectMsg<ComputationEnded>(timeout: TimeSpan.Zero).Outcome);
    }

    [Fact]
    public void A_crash_behind_a_preconditioner_fails_its_computation_at_the_crash_and_the_restarted_worker_computes_again()
    {
        var service = Service(DelayModel.Constant(Ms(30)), FaultPlan.None.CrashOn(Occurrence.Nth(1), 0.5));
        var registry = CreateTestProbe("registry");
        var parent = Sys.ActorOf(Props.Create(() => new Parent(PreconditionerActor.Props(service, registry.Ref, "numeric"), TestActor)), "pool");
        var start = Now;

        parent.Tell(new ComputeRoots(DiagonalSnapshots.TwoFactors()));
        var failed = ExpectMsg<ComputationEnded>();
        Assert.Equal(ComputationOutcome.Failed, failed.Outcome);
        Assert.Equal(start + Ms(15), Now);

        parent.Tell(new ComputeRoots(DiagonalSnapshots.TwoFactors()));
        registry.ExpectMsg<PreconditionerReady>();
        Assert.Equal(start + Ms(45), Now);
        Assert.Equal(ComputationOutcome.Published, ExpectMsg<ComputationEnded>().Outcome);
    }

    private SimulatedRootService Service(DelayModel delays, FaultPlan? faults = null, SimulatedRoots roots = SimulatedRoots.Real) =>
        new(Sys.Scheduler.Clock, delays, faults, roots);

    private static double Root(double value, double ridge, int p) => System.Math.Pow(value + ridge, -1.0 / p);

    private static void AssertDiagonal(double[] diagonal, double[] matrix)
    {
        var n = diagonal.Length;
        Assert.Equal(n * n, matrix.Length);
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
                Assert.Equal(r == c ? diagonal[r] : 0, matrix[r * n + c], 1e-9);
        }
    }

    /// <summary>Stands in for the pool: forwards computations to its one preconditioner and reports what the preconditioner tells it.</summary>
    private sealed class Parent : ReceiveActor
    {
        public Parent(Props worker, IActorRef report)
        {
            var child = Context.ActorOf(worker, "block");
            Receive<ComputeRoots>(compute => child.Tell(compute, Self));
            ReceiveAny(message => report.Tell(message, Self));
        }
    }
}
