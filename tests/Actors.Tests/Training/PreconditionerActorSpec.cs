using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>One block's worker: computes, validates, publishes only valid roots, and restarts on a fault.</summary>
public sealed class PreconditionerActorSpec : TestKit
{
    /// <summary>Parents a preconditioner (restarting it on any fault) and forwards what the child tells it to a probe.</summary>
    private sealed class Parent : ReceiveActor
    {
        public Parent(Props child, IActorRef report)
        {
            var worker = Context.ActorOf(child, "worker");
            Receive<ComputeRoots>(m => worker.Tell(m, Self));
            ReceiveAny(m => report.Tell(m));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);
    }

    private (IActorRef Parent, TestProbe Published, TestProbe Ended, Func<int> Instances) Start(IRootService service)
    {
        var published = CreateTestProbe();
        var ended = CreateTestProbe();
        var instances = 0;
        var child = Props.Create(() =>
        {
            instances++;
            return new PreconditionerActor(service, published.TestActor);
        });
        return (Sys.ActorOf(Props.Create(() => new Parent(child, ended.TestActor))), published, ended, () => instances);
    }

    [Fact]
    public void Valid_roots_are_published_with_the_snapshots_version_and_the_parent_is_told()
    {
        var (parent, published, ended, _) = Start(new ScriptedRootService());
        var snapshot = Snapshots.Spd(3, 40);

        parent.Tell(new ComputeRoots(snapshot));

        var ready = published.ExpectMsg<PreconditionerReady>();
        Assert.Equal((3, 40L), (ready.Block, ready.Version));
        Assert.Equal(ShampooRoots.Compute(snapshot).Factors[0].Root, ready.Roots.Factors[0].Root);
        Assert.Equal(ComputationOutcome.Published, ended.ExpectMsg<ComputationEnded>().Outcome);
    }

    [Fact]
    public void Non_finite_roots_are_rejected_and_never_published()
    {
        var (parent, published, ended, _) = Start(new ScriptedRootService().Then(ScriptedRootService.NonFinite));

        parent.Tell(new ComputeRoots(Snapshots.Spd(0, 10)));

        var end = ended.ExpectMsg<ComputationEnded>();
        Assert.Equal(ComputationOutcome.Rejected, end.Outcome);
        Assert.Contains("non-finite", end.Reason);
        published.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_service_that_answers_nothing_ends_the_computation_as_rejected_so_the_block_is_not_left_busy()
    {
        var (parent, published, ended, _) = Start(new ScriptedRootService().Then(_ => Task.FromResult<BlockRoots>(null!)));

        parent.Tell(new ComputeRoots(Snapshots.Spd(0, 10)));

        var end = ended.ExpectMsg<ComputationEnded>();
        Assert.Equal((ComputationOutcome.Rejected, "the root service returned nothing"), (end.Outcome, end.Reason));
        published.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Roots_of_another_shape_or_version_are_invalid()
    {
        var snapshot = Snapshots.Spd(0, 10);
        var roots = ShampooRoots.Compute(snapshot);

        Assert.Null(PreconditionerActor.Invalid(snapshot, roots));
        Assert.Contains("answer a snapshot", PreconditionerActor.Invalid(snapshot, roots with { Version = 9 }));
        Assert.Contains("not 2×2", PreconditionerActor.Invalid(snapshot,
            roots with { Factors = [new Math.Linalg.InverseRoot(new double[3], roots.Factors[0].Diagnostics)] }));
        Assert.Contains("rejected", PreconditionerActor.Invalid(snapshot,
            roots with { Factors = [new Math.Linalg.InverseRoot(null, roots.Factors[0].Diagnostics)] }));
    }

    [Fact]
    public void A_computation_that_throws_is_reported_then_restarts_the_worker_which_computes_the_next_snapshot()
    {
        var (parent, published, ended, instances) = Start(new ScriptedRootService().Then(ScriptedRootService.Throws));

        parent.Tell(new ComputeRoots(Snapshots.Spd(0, 10)));
        var failed = ended.ExpectMsg<ComputationEnded>();
        Assert.Equal((ComputationOutcome.Failed, 10L), (failed.Outcome, failed.Snapshot.Version));
        AwaitCondition(() => instances() == 2);

        parent.Tell(new ComputeRoots(Snapshots.Spd(0, 20)));
        Assert.Equal(20, published.ExpectMsg<PreconditionerReady>().Version);
    }
}
