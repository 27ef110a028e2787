using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>Saving and loading <see cref="Neumann"/> state: momentum, average and the schedule position.</summary>
public sealed class NeumannStateDictSpec
{
    // Small schedules: SGD at 1-2, resets at 3, 7 and 15. Saving at the end of the warm-up, right after and right before a
    // reset and mid-period must all resume on the same schedule.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(9)]
    public void Save_load_and_step_is_bit_identical_to_never_stopping(int saveAfter)
    {
        const int steps = 18;
        var (a, b) = NeumannFixture.Parameters();
        var uninterrupted = new Neumann([a, b], NeumannFixture.Small);
        for (var t = 1; t <= steps; t++)
            NeumannFixture.StepWith(uninterrupted, a, b, t);

        var (a1, b1) = NeumannFixture.Parameters();
        var first = new Neumann([a1, b1], NeumannFixture.Small);
        for (var t = 1; t <= saveAfter; t++)
            NeumannFixture.StepWith(first, a1, b1, t);
        var saved = first.StateDict();

        var (a2, b2) = (new Parameter(a1.Data, a1.ShapeArray()), new Parameter(b1.Data, b1.ShapeArray()));
        // Other options on the new optimizer: the loaded ones (and with them the schedule) must win.
        var resumed = new Neumann([a2, b2], new NeumannOptions());
        resumed.LoadStateDict(saved);
        for (var t = saveAfter + 1; t <= steps; t++)
            NeumannFixture.StepWith(resumed, a2, b2, t);

        foreach (var (p, q) in new[] { (a, a2), (b, b2) })
        {
            Assert.Equal(NeumannFixture.Bits(p.Data), NeumannFixture.Bits(q.Data));
            foreach (var buffer in new[] { "momentum", "moving_average" })
                Assert.Equal(NeumannFixture.Bits(uninterrupted.GetState(p)!.Buffer(buffer).Data), NeumannFixture.Bits(resumed.GetState(q)!.Buffer(buffer).Data));
            Assert.Equal(uninterrupted.GetState(p)!.Step, resumed.GetState(q)!.Step);
        }
    }

    [Fact]
    public void The_state_holds_the_momentum_the_average_and_the_step_count()
    {
        var (a, b) = NeumannFixture.Parameters();
        var neumann = new Neumann([a, b], NeumannFixture.Small);
        for (var t = 1; t <= 5; t++)
            NeumannFixture.StepWith(neumann, a, b, t);
        var saved = neumann.StateDict();

        Assert.Equal("Neumann", saved.Optimizer);
        Assert.Equal(["momentum", "moving_average"], saved.State[0].Buffers.Keys.Order());
        Assert.Equal(5, saved.State[1].Step);
    }
}
