namespace ShampooActors.Actors.Tests.Training;

/// <summary>Which computations and publications a fault plan hits.</summary>
public sealed class FaultPlanSpec
{
    [Fact]
    public void An_occurrence_is_the_kth_overall_the_kth_of_a_block_or_every_one_of_a_version()
    {
        // (block, version, overall, of block)
        Assert.True(Occurrence.Nth(3).Matches(5, 10, 3, 1));
        Assert.False(Occurrence.Nth(3).Matches(5, 10, 4, 3));

        Assert.True(Occurrence.NthOfBlock(1, 2).Matches(1, 20, 7, 2));
        Assert.False(Occurrence.NthOfBlock(1, 2).Matches(0, 20, 7, 2));
        Assert.False(Occurrence.NthOfBlock(1, 2).Matches(1, 20, 2, 1));

        Assert.True(Occurrence.OfVersion(2, 30).Matches(2, 30, 9, 3));
        Assert.True(Occurrence.OfVersion(2, 30).Matches(2, 30, 12, 4)); // a retry of the same snapshot
        Assert.False(Occurrence.OfVersion(2, 30).Matches(2, 40, 9, 3));
    }

    [Fact]
    public void Occurrences_are_counted_from_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Occurrence.Nth(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Occurrence.NthOfBlock(0, 0));
    }

    [Fact]
    public void Computation_faults_and_publication_faults_are_looked_up_apart()
    {
        var plan = FaultPlan.None.Drop(Occurrence.Nth(1)).ThrowOn(Occurrence.Nth(2));

        Assert.Null(plan.ForComputation(0, 10, 1, 1));
        Assert.Equal(FaultKind.Throw, plan.ForComputation(0, 10, 2, 2)?.Kind);
        Assert.Equal(FaultKind.Drop, plan.ForPublication(0, 10, 1, 1)?.Kind);
        Assert.Null(plan.ForPublication(0, 10, 2, 2));
        Assert.True(plan.HasPublicationFaults);
        Assert.False(FaultPlan.None.CrashOn(Occurrence.Nth(1)).NonFiniteOn(Occurrence.Nth(2)).HasPublicationFaults);
    }

    [Fact]
    public void The_fault_planned_first_wins_when_several_hit_one_occurrence()
    {
        var plan = FaultPlan.None.NonFiniteOn(Occurrence.OfVersion(0, 10)).CrashOn(Occurrence.Nth(1), 0.25).HoldBack(Occurrence.Nth(1), anyBlock: true).Duplicate(Occurrence.Nth(1));

        Assert.Equal(FaultKind.NonFinite, plan.ForComputation(0, 10, 1, 1)?.Kind);
        Assert.Equal(new Fault(FaultKind.Crash, Occurrence.Nth(1), 0.25), plan.ForComputation(1, 10, 1, 1));
        Assert.Equal(FaultKind.HoldBackForAny, plan.ForPublication(0, 10, 1, 1)?.Kind);
    }

    [Fact]
    public void Planning_a_fault_leaves_the_plan_it_started_from_unchanged()
    {
        var start = FaultPlan.None.Drop(Occurrence.Nth(1));
        var more = start.Duplicate(Occurrence.Nth(2));

        Assert.Single(start.Faults);
        Assert.Equal(2, more.Faults.Count);
        Assert.Empty(FaultPlan.None.Faults);
    }

    [Fact]
    public void A_crash_comes_after_a_part_of_the_delay_between_none_and_all_of_it()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultPlan.None.CrashOn(Occurrence.Nth(1), 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultPlan.None.CrashOn(Occurrence.Nth(1), double.NaN));
    }
}
