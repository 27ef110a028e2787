using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

public sealed class LrSchedulerSpec
{
    private static Parameter Param() => new([1f], 1);

    [Fact]
    public void Construction_applies_factor_zero_and_each_step_advances_the_index_like_LambdaLR()
    {
        var sgd = new Sgd([Param()], new SgdOptions { Lr = 0.1 });
        var scheduler = new LrScheduler(sgd, new LinearWarmupSchedule(4));
        var lrs = new List<double> { sgd.ParamGroups[0].Lr };
        for (var k = 1; k <= 5; k++)
        {
            scheduler.Step();
            lrs.Add(sgd.ParamGroups[0].Lr);
        }

        Assert.Equal(5, scheduler.LastStep);
        Assert.Equal([0.1], scheduler.BaseLrs);
        Assert.Equal(new[] { 0.0, 0.025, 0.05, 0.075, 0.1, 0.1 }, lrs, (x, y) => System.Math.Abs(x - y) < 1e-15);
    }

    [Fact]
    public void Each_group_scales_its_own_base_lr()
    {
        var sgd = new Sgd([new ParamGroupSpec<SgdOptions>([Param()]), new ParamGroupSpec<SgdOptions>([Param()], o => o with { Lr = 0.01 })],
            new SgdOptions { Lr = 1.0 });
        var scheduler = new LrScheduler(sgd, new LinearDecaySchedule(10, finalFactor: 0));
        for (var k = 0; k < 5; k++)
            scheduler.Step();

        Assert.Equal(0.5, sgd.ParamGroups[0].Lr, 1e-15);
        Assert.Equal(0.005, sgd.ParamGroups[1].Lr, 1e-15);
    }

    [Fact]
    public void The_optimizer_steps_with_the_scheduled_lr()
    {
        var p = Param();
        var sgd = new Sgd([p], new SgdOptions { Lr = 0.5 });
        var scheduler = new LrScheduler(sgd, new LinearWarmupSchedule(2, startFactor: 0.5));
        p.Grad = Tensor.FromValues([1f], 1);
        sgd.Step(); // factor(0) = 0.5: lr 0.25
        scheduler.Step();
        sgd.Step(); // factor(1) = 0.75: lr 0.375

        Assert.Equal(1f - 0.25f - 0.375f, p.Data[0]);
    }

    [Fact]
    public void A_scheduler_resumes_from_its_state_dict()
    {
        var sgd = new Sgd([Param()], new SgdOptions { Lr = 0.1 });
        var scheduler = new LrScheduler(sgd, new CosineSchedule(10));
        for (var k = 0; k < 4; k++)
            scheduler.Step();
        var saved = scheduler.StateDict();

        var resumedSgd = new Sgd([Param()], new SgdOptions { Lr = 0.1 });
        resumedSgd.LoadStateDict(sgd.StateDict());
        var resumed = new LrScheduler(resumedSgd, new CosineSchedule(10));
        resumed.LoadStateDict(saved);
        scheduler.Step();
        resumed.Step();

        Assert.Equal(5, resumed.LastStep);
        Assert.Equal(sgd.ParamGroups[0].Lr, resumedSgd.ParamGroups[0].Lr);
    }
}
