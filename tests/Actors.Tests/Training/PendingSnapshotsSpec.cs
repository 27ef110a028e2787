using ShampooActors.Actors.Training;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>The queue of snapshots waiting for a worker: conflation per block, priority orders, retry delays.</summary>
public sealed class PendingSnapshotsSpec
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<int> None = [];

    [Fact]
    public void A_newer_snapshot_replaces_the_queued_one_of_its_block_and_an_older_one_does_not()
    {
        var pending = new PendingSnapshots(RootPriority.Fifo);

        Assert.False(pending.Offer(Snapshots.Scaled(0, 10, 1)));
        Assert.True(pending.Offer(Snapshots.Scaled(0, 20, 1)));
        Assert.True(pending.Offer(Snapshots.Scaled(0, 15, 1)));

        Assert.Equal(1, pending.Count);
        Assert.Equal(20, pending.Take(Now, None)!.Version);
        Assert.Null(pending.Take(Now, None));
    }

    [Fact]
    public void Fifo_takes_blocks_in_the_order_they_started_waiting_even_when_replaced()
    {
        var pending = new PendingSnapshots(RootPriority.Fifo);
        pending.Offer(Snapshots.Scaled(2, 10, 1));
        pending.Offer(Snapshots.Scaled(0, 10, 1));
        pending.Offer(Snapshots.Scaled(1, 10, 1));
        pending.Offer(Snapshots.Scaled(2, 20, 1));

        var order = Enumerable.Range(0, 3).Select(_ => pending.Take(Now, None)!).Select(s => (s.BlockId, s.Version)).ToArray();

        Assert.Equal([(2, 20L), (0, 10L), (1, 10L)], order);
    }

    [Fact]
    public void Changed_most_takes_never_computed_blocks_first_then_the_largest_relative_change()
    {
        var pending = new PendingSnapshots(RootPriority.ChangedMost);
        pending.Rooted(Snapshots.Scaled(0, 10, 4));
        pending.Rooted(Snapshots.Scaled(1, 10, 2));
        pending.Offer(Snapshots.Scaled(0, 20, 5)); // |5 − 4| / 4 = 0.25
        pending.Offer(Snapshots.Scaled(1, 20, 3)); // |3 − 2| / 2 = 0.5
        pending.Offer(Snapshots.Scaled(2, 20, 1)); // never computed: ∞

        Assert.Equal(0.25, pending.Change(Snapshots.Scaled(0, 20, 5)), 15);
        var order = Enumerable.Range(0, 3).Select(_ => pending.Take(Now, None)!.BlockId).ToArray();

        Assert.Equal([2, 1, 0], order);
    }

    [Fact]
    public void Changed_most_breaks_ties_by_the_stalest_root()
    {
        var pending = new PendingSnapshots(RootPriority.ChangedMost);
        pending.Rooted(Snapshots.Scaled(0, 30, 2));
        pending.Rooted(Snapshots.Scaled(1, 10, 2));
        pending.Offer(Snapshots.Scaled(0, 40, 3));
        pending.Offer(Snapshots.Scaled(1, 40, 3));

        Assert.Equal(1, pending.Take(Now, None)!.BlockId);
    }

    [Fact]
    public void A_block_being_computed_is_not_taken_and_its_snapshot_waits()
    {
        var pending = new PendingSnapshots(RootPriority.Fifo);
        pending.Offer(Snapshots.Scaled(0, 10, 1));
        pending.Offer(Snapshots.Scaled(1, 10, 1));

        Assert.Equal(1, pending.Take(Now, new HashSet<int> { 0 })!.BlockId);
        Assert.Null(pending.Take(Now, new HashSet<int> { 0 }));
        Assert.Equal(0, pending.Take(Now, None)!.BlockId);
    }

    [Fact]
    public void A_retried_snapshot_is_held_back_until_its_time_unless_a_newer_one_came()
    {
        var pending = new PendingSnapshots(RootPriority.Fifo);
        var later = Now + TimeSpan.FromSeconds(2);
        pending.Retry(Snapshots.Scaled(0, 10, 1), later);

        Assert.Null(pending.Take(Now, None));
        Assert.Equal(later, pending.NextEligible(Now));
        Assert.Null(pending.Take(later - TimeSpan.FromTicks(1), None));
        Assert.Equal(10, pending.Take(later, None)!.Version);

        pending.Offer(Snapshots.Scaled(1, 30, 1));
        pending.Retry(Snapshots.Scaled(1, 20, 1), later);
        Assert.Equal(30, pending.Take(later, None)!.Version);
        Assert.Null(pending.NextEligible(later));
    }
}
