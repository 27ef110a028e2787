using ShampooActors.Actors.Training;
using Xunit.Sdk;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>The delivery trace: what it records from the event stream, its queries, and its assertions on hand-built traces.</summary>
public sealed class DeliveryTraceSpec : TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void An_attached_trace_records_every_training_event_in_publication_order_with_its_virtual_time()
    {
        Advance(Ms(100));
        using var trace = DeliveryTrace.Attach(Sys);
        Advance(Ms(5));
        var queued = new SnapshotQueued(Now, 0, 10, false, 1);
        Sys.EventStream.Publish(queued);
        Sys.EventStream.Publish("not a training event");
        Advance(Ms(10));
        var step = new StepCompleted(Now, 11, 0.5f, TimeSpan.Zero, [1]);
        Sys.EventStream.Publish(step);
        var started = new ComputationStarted(Now, 0, 10);
        Sys.EventStream.Publish(started);

        Assert.Equal([new TracedEvent(Ms(5), queued), new TracedEvent(Ms(15), step), new TracedEvent(Ms(15), started)], trace.Events);
    }

    [Fact]
    public void A_disposed_trace_records_nothing_more_and_keeps_what_it_had()
    {
        var trace = DeliveryTrace.Attach(Sys);
        Sys.EventStream.Publish(new ComputationStarted(Now, 0, 10));

        trace.Dispose();
        Sys.EventStream.Publish(new ComputationStarted(Now, 1, 10));

        Assert.Equal(1, trace.Count);
    }

    [Fact]
    public void A_built_trace_times_each_event_by_its_stamp_from_the_first()
    {
        var trace = DeliveryTrace.Of([new ComputationStarted(T0.AddMilliseconds(20), 0, 10), new RootsPublished(T0.AddMilliseconds(45), 0, 10, 25)]);

        Assert.Equal([TimeSpan.Zero, Ms(25)], trace.Events.Select(e => e.Time));
    }

    [Fact]
    public void Staleness_per_block_follows_each_block_over_the_steps()
    {
        var trace = DeliveryTrace.Of([Step(1, 1, 1), Step(2, 2, 0), Step(3, 3, 1)]);

        var perBlock = trace.StalenessPerBlock();

        Assert.Equal([0, 1], perBlock.Keys.Order());
        Assert.Equal([new StalenessSample(1, 1), new StalenessSample(2, 2), new StalenessSample(3, 3)], perBlock[0]);
        Assert.Equal([new StalenessSample(1, 1), new StalenessSample(2, 0), new StalenessSample(3, 1)], trace.StalenessOf(1));
        Assert.Empty(trace.StalenessOf(2));
        Assert.Equal(3, trace.MaxStaleness());
        Assert.Equal(0, trace.MaxStaleness(fromStep: 4)); // no step from 4 on
    }

    [Fact]
    public void Adoptions_per_block_keep_each_blocks_adoptions_in_order()
    {
        RootsAdopted a0 = Adopted(0, 5, 8), a1 = Adopted(1, 5, 8), b0 = Adopted(0, 10, 13);
        var trace = DeliveryTrace.Of([a0, Step(8, 3, 3), a1, b0]);

        Assert.Equal([a0, b0], trace.AdoptionsPerBlock()[0]);
        Assert.Equal([a1], trace.AdoptionsOf(1));
        Assert.Equal([a0, a1, b0], trace.EventsOf<RootsAdopted>());
    }

    [Fact]
    public void The_staleness_bound_holds_when_no_block_exceeds_it()
    {
        var trace = DeliveryTrace.Of([Step(1, 1, 1), Step(2, 2, 2), Step(3, 0, 2)]);

        trace.AssertMaxStaleness(2);
    }

    [Fact]
    public void The_staleness_bound_fails_naming_each_step_and_block_over_it()
    {
        var trace = DeliveryTrace.Of([Step(1, 1, 1), Step(2, 2, 2), Step(3, 3, 0), Step(4, 4, 1)]);

        var error = Assert.Throws<XunitException>(() => trace.AssertMaxStaleness(2));

        Assert.Contains("expected staleness at most 2, but 2 block-steps exceeded it", error.Message);
        Assert.Contains("step 3: block 0 staleness 3", error.Message);
        Assert.Contains("step 4: block 0 staleness 4", error.Message);
        Assert.DoesNotContain("block 1", error.Message);
    }

    [Fact]
    public void The_staleness_bound_from_a_step_ignores_the_steps_before_it()
    {
        var trace = DeliveryTrace.Of([Step(1, 1), Step(2, 2), Step(3, 3), Step(4, 1)]);

        trace.AssertMaxStaleness(1, fromStep: 4);
        Assert.Throws<XunitException>(() => trace.AssertMaxStaleness(1, fromStep: 3));
    }

    [Fact]
    public void The_staleness_bound_fails_on_a_trace_without_steps()
    {
        var error = Assert.Throws<XunitException>(() => DeliveryTrace.Of([Adopted(0, 5, 8)]).AssertMaxStaleness(10));

        Assert.Contains("holds no StepCompleted", error.Message);
    }

    [Fact]
    public void Versions_are_monotone_when_each_block_adopts_and_publishes_ever_newer_ones()
    {
        var trace = DeliveryTrace.Of([Published(0, 5), Published(1, 5), Adopted(1, 5, 8), Adopted(0, 5, 8), Published(0, 10), Adopted(0, 10, 13), Published(1, 15), Adopted(1, 15, 18)]);

        trace.AssertVersionsMonotonePerBlock();
    }

    [Fact]
    public void Versions_fail_monotony_when_a_block_adopts_a_version_again()
    {
        var trace = DeliveryTrace.Of([Adopted(0, 5, 8), Adopted(1, 10, 13), Adopted(0, 5, 13)]);

        var error = Assert.Throws<XunitException>(trace.AssertVersionsMonotonePerBlock);

        Assert.Contains("block 0 adopted version 5 (before step 13) after version 5 adopted", error.Message);
    }

    [Fact]
    public void Versions_fail_monotony_when_a_block_publishes_an_older_version_after_a_newer_one()
    {
        var trace = DeliveryTrace.Of([Published(0, 10), Published(1, 5), Published(0, 5)]);

        var error = Assert.Throws<XunitException>(trace.AssertVersionsMonotonePerBlock);

        Assert.Contains("but 1 did not", error.Message);
        Assert.Contains("block 0 published version 5 after version 10 published", error.Message);
    }

    [Fact]
    public void The_wait_bound_holds_when_no_step_waited_longer()
    {
        var trace = DeliveryTrace.Of([Step(1, Ms(0)), Step(2, Ms(30)), Step(3, Ms(10))]);

        trace.AssertNoStepWaitedLongerThan(Ms(30));
    }

    [Fact]
    public void The_wait_bound_fails_naming_the_steps_that_waited_longer()
    {
        var trace = DeliveryTrace.Of([Step(1, Ms(0)), Step(2, Ms(31)), Step(3, Ms(10))]);

        var error = Assert.Throws<XunitException>(() => trace.AssertNoStepWaitedLongerThan(Ms(30)));

        Assert.Contains("expected no step to wait longer than 30 ms, but 1 did", error.Message);
        Assert.Contains("step 2 waited 31 ms", error.Message);
    }

    private static StepCompleted Step(long step, params long[] staleness) => new(T0.AddMilliseconds(10 * step), step, 0.5f, TimeSpan.Zero, staleness);

    private static StepCompleted Step(long step, TimeSpan waited) => new(T0.AddMilliseconds(10 * step), step, 0.5f, waited, [0]);

    private static RootsAdopted Adopted(int block, long version, long step) => new(T0.AddMilliseconds(10 * step - 5), block, version, step);

    private static RootsPublished Published(int block, long version) => new(T0.AddMilliseconds(10 * version + 3), block, version, 2.5);
}
