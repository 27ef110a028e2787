using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class NeumannAllocationSpec
{
    [Fact]
    public void Steps_after_the_first_allocate_nothing_in_warm_up_resets_and_iterations()
    {
        // SGD at 1-2, then resets at 3, 5, 9, 17, 33: the measured steps 2-41 take every kind of step.
        var a = new Parameter(Enumerable.Range(0, 1000).Select(i => MathF.Sin(i)).ToArray(), 10, 100);
        var b = new Parameter(Enumerable.Range(0, 7).Select(i => MathF.Cos(i)).ToArray(), 7);
        a.Grad = Tensor.Full(0.5f, 10, 100);
        b.Grad = Tensor.Full(-0.25f, 7);
        var neumann = new Neumann([a, b], new NeumannOptions { Lr = 0.01, EpochSteps = 2, WarmupEpochs = 1, ResetEpochs = 1 });
        var scheduler = new LrScheduler(neumann, new CosineSchedule(100, warmupSteps: 10));
        neumann.Step();
        scheduler.Step();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 0; t < 40; t++)
        {
            neumann.Step();
            scheduler.Step();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
