using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>The versioned store: newest version per block wins, older and duplicate publications are ignored.</summary>
public sealed class PreconditionerRegistrySpec : TestKit
{
    private static PreconditionerReady Ready(int block, long version) =>
        new(block, version, ShampooRoots.Compute(Snapshots.Spd(block, version)), 1);

    [Fact]
    public void Subscribers_get_each_newer_version_once_and_never_an_older_or_repeated_one()
    {
        var registry = Sys.ActorOf(PreconditionerRegistry.Props(new PreconditioningMetrics()));
        var subscriber = CreateTestProbe();
        registry.Tell(new SubscribeRoots(subscriber.TestActor));

        registry.Tell(Ready(0, 10));
        registry.Tell(Ready(0, 5));
        registry.Tell(Ready(0, 10));
        registry.Tell(Ready(1, 3));
        registry.Tell(Ready(0, 20));

        Assert.Equal([(0, 10L), (1, 3L), (0, 20L)],
            subscriber.ReceiveN(3).Cast<PreconditionerReady>().Select(r => (r.Block, r.Version)).ToArray());
        subscriber.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_new_subscriber_first_gets_the_newest_version_held_of_every_block()
    {
        var registry = Sys.ActorOf(PreconditionerRegistry.Props(new PreconditioningMetrics()));
        registry.Tell(Ready(1, 10));
        registry.Tell(Ready(0, 20));
        registry.Tell(Ready(1, 30));
        var subscriber = CreateTestProbe();

        registry.Tell(new SubscribeRoots(subscriber.TestActor));

        Assert.Equal([(0, 20L), (1, 30L)], subscriber.ReceiveN(2).Cast<PreconditionerReady>().Select(r => (r.Block, r.Version)).ToArray());
        subscriber.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Ignored_publications_are_published_as_events_with_the_version_held()
    {
        var metrics = new PreconditioningMetrics();
        var registry = Sys.ActorOf(PreconditionerRegistry.Props(metrics));
        ExpectEvent<RootsPublished>(() => registry.Tell(Ready(0, 10)), e => e.Block == 0 && e.Version == 10);

        ExpectEvent<PublicationIgnored>(() => registry.Tell(Ready(0, 4)), e => e.Block == 0 && e.Version == 4 && e.Current == 10);
        ExpectEvent<PublicationIgnored>(() => registry.Tell(Ready(0, 10)), e => e.Version == 10 && e.Current == 10);

        var totals = metrics.Totals();
        Assert.Equal((1L, 2L), (totals.Published, totals.Ignored));
    }

    [Fact]
    public void The_current_versions_are_the_newest_per_block()
    {
        var registry = Sys.ActorOf(PreconditionerRegistry.Props(new PreconditioningMetrics()));
        registry.Tell(Ready(0, 10));
        registry.Tell(Ready(2, 30));
        registry.Tell(Ready(0, 7));

        var versions = Result(registry.Ask<RootVersions>(GetRootVersions.Instance)).Versions;

        Assert.Equal(new Dictionary<int, long> { [0] = 10, [2] = 30 }, versions);
    }
}
