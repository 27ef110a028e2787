using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class AllocationSpec
{
    public static TheoryData<string> Optimizers => OptimizerFactories.ElementwiseNames;

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Steps_after_the_first_allocate_nothing(string kind)
    {
        var a = new Parameter(Enumerable.Range(0, 1000).Select(i => MathF.Sin(i)).ToArray(), 10, 100);
        var b = new Parameter(Enumerable.Range(0, 7).Select(i => MathF.Cos(i)).ToArray(), 7);
        a.Grad = Tensor.Full(0.5f, 10, 100);
        b.Grad = Tensor.Full(-0.25f, 7);
        var optimizer = OptimizerFactories.Create(kind, a, b);
        var scheduler = new LrScheduler(optimizer, new CosineSchedule(100, warmupSteps: 10));
        for (var t = 0; t < 3; t++)
        {
            optimizer.Step();
            scheduler.Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 0; t < 20; t++)
        {
            optimizer.Step();
            scheduler.Step();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
