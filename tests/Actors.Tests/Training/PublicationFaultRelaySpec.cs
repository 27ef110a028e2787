using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>The publication faults: a probe stands in for the registry, the test actor for the preconditioners.</summary>
public sealed class PublicationFaultRelaySpec : TestKit
{
    [Fact]
    public void Without_faults_every_publication_passes_in_order_with_its_sender()
    {
        var (registry, relay) = Relay(FaultPlan.None);

        Publish(relay, (0, 10), (1, 10), (0, 20));

        Assert.Equal([(0, 10), (1, 10), (0, 20)], Received(registry, 3));
        Assert.Equal(TestActor, registry.LastSender);
        registry.ExpectNoMsg();
    }

    [Fact]
    public void A_dropped_publication_never_reaches_the_registry()
    {
        var (registry, relay) = Relay(FaultPlan.None.Drop(Occurrence.Nth(2)));

        Publish(relay, (0, 10), (1, 10), (0, 20));

        Assert.Equal([(0, 10), (0, 20)], Received(registry, 2));
        registry.ExpectNoMsg();
    }

    [Fact]
    public void A_duplicated_publication_arrives_twice_in_a_row()
    {
        var (registry, relay) = Relay(FaultPlan.None.Duplicate(Occurrence.NthOfBlock(1, 1)));

        Publish(relay, (0, 10), (1, 10), (1, 20));

        Assert.Equal([(0, 10), (1, 10), (1, 10), (1, 20)], Received(registry, 4));
        registry.ExpectNoMsg();
    }

    [Fact]
    public void A_publication_held_for_its_block_arrives_right_after_the_next_one_of_that_block()
    {
        var (registry, relay) = Relay(FaultPlan.None.HoldBack(Occurrence.OfVersion(0, 10)));

        Publish(relay, (0, 10), (1, 10), (1, 20), (0, 20), (0, 30));

        Assert.Equal([(1, 10), (1, 20), (0, 20), (0, 10), (0, 30)], Received(registry, 5));
        registry.ExpectNoMsg();
    }

    [Fact]
    public void A_publication_held_for_any_block_arrives_right_after_the_next_publication()
    {
        var (registry, relay) = Relay(FaultPlan.None.HoldBack(Occurrence.Nth(1), anyBlock: true));

        Publish(relay, (0, 10), (1, 10), (0, 20));

        Assert.Equal([(1, 10), (0, 10), (0, 20)], Received(registry, 3));
    }

    [Fact]
    public void A_held_publication_goes_out_when_its_successor_passes_even_if_that_one_is_dropped()
    {
        var (registry, relay) = Relay(FaultPlan.None.HoldBack(Occurrence.Nth(1)).Drop(Occurrence.Nth(2)));

        Publish(relay, (0, 10), (0, 20), (0, 30));

        Assert.Equal([(0, 10), (0, 30)], Received(registry, 2));
        registry.ExpectNoMsg();
    }

    [Fact]
    public void A_held_publication_keeps_the_sender_it_came_from()
    {
        var (registry, relay) = Relay(FaultPlan.None.HoldBack(Occurrence.Nth(1)));
        var other = CreateTestProbe();

        relay.Tell(Ready(0, 10), TestActor);
        relay.Tell(Ready(0, 20), other.Ref);

        registry.ExpectMsgFrom<PreconditionerReady>(other.Ref);
        Assert.Equal(10, registry.ExpectMsgFrom<PreconditionerReady>(TestActor).Message.Version);
    }

    [Fact]
    public void A_publication_held_with_no_successor_is_never_delivered()
    {
        var (registry, relay) = Relay(FaultPlan.None.HoldBack(Occurrence.OfVersion(0, 10)));

        Publish(relay, (0, 10), (1, 10));

        Assert.Equal([(1, 10)], Received(registry, 1));
        registry.ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Other_messages_pass_unchanged_with_their_sender()
    {
        var (registry, relay) = Relay(FaultPlan.None.Drop(Occurrence.Nth(1)));

        relay.Tell(GetRootVersions.Instance, TestActor);

        registry.ExpectMsgFrom<GetRootVersions>(TestActor);
    }

    [Fact]
    public void Each_injected_fault_is_published_on_the_event_stream()
    {
        var (_, relay) = Relay(FaultPlan.None.Duplicate(Occurrence.NthOfBlock(1, 1)));
        Advance(TimeSpan.FromMilliseconds(40));

        var injected = ExpectEvent<FaultInjected>(() => Publish(relay, (0, 10), (1, 20)));

        Assert.Equal(new FaultInjected(Now, 1, 20, FaultKind.Duplicate, 2), injected);
    }

    [Fact]
    public void Before_a_real_registry_a_held_back_version_arrives_late_and_is_ignored()
    {
        var registry = Sys.ActorOf(PreconditionerRegistry.Props(new PreconditioningMetrics()), "registry");
        var relay = Sys.ActorOf(PublicationFaultRelay.Props(registry, FaultPlan.None.HoldBack(Occurrence.OfVersion(0, 10))), "relay");
        using var trace = DeliveryTrace.Attach(Sys);

        Publish(relay, (0, 10), (0, 20));
        RunUntilIdle();

        Assert.Equal([(0, 20)], trace.EventsOf<RootsPublished>().Select(p => (p.Block, p.Version)));
        Assert.Equal([(0, 10, 20)], trace.EventsOf<PublicationIgnored>().Select(p => (p.Block, p.Version, p.Current)));
        trace.AssertVersionsMonotonePerBlock();
    }

    private (TestProbe Registry, IActorRef Relay) Relay(FaultPlan plan)
    {
        var registry = CreateTestProbe("registry");
        return (registry, Sys.ActorOf(PublicationFaultRelay.For(plan)(registry.Ref), "relay"));
    }

    private void Publish(IActorRef relay, params (int Block, long Version)[] publications)
    {
        foreach (var (block, version) in publications)
            relay.Tell(Ready(block, version), TestActor);
    }

    private static PreconditionerReady Ready(int block, long version) => new(block, version, new BlockRoots(block, version, []), 1.0);

    private static (int Block, long Version)[] Received(TestProbe registry, int count) =>
        registry.ReceiveN(count).Cast<PreconditionerReady>().Select(r => (r.Block, r.Version)).ToArray();
}
