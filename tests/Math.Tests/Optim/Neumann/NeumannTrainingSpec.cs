using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Data;
using ShampooActors.Math.Training;

namespace ShampooActors.Math.Tests.Optim;

public sealed class NeumannTrainingSpec(RealFashionMnistFixture fixture) : IClassFixture<RealFashionMnistFixture>
{
    [Fact]
    public void Neumann_steps_keep_bringing_the_fmnist_mlp_train_loss_down_within_300_steps()
    {
        // Default options but one warm-up epoch (100 SGD steps): the default five would keep all 300 steps in the warm-up.
        var workload = Workload.Find("fmnist-mlp")!;
        var model = workload.CreateModel(new SplitMix64(0));
        var neumann = new Neumann(model.Parameters(), new NeumannOptions { Lr = 0.03, WarmupEpochs = 1 });
        var trainer = new Trainer(workload, model, neumann, new BatchLoader(fixture.Data.Train, workload.BatchSize));
        var losses = new List<double>();
        for (var i = 0; i < 300; i++)
            losses.Add(trainer.RunStep().Loss);

        var first = losses.Take(50).Average();
        var firstNeumann = losses.Skip(100).Take(50).Average();
        var last = losses.TakeLast(50).Average();
        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        Assert.True(last < 0.5 * first, $"mean loss: steps 1-50 {first:F4}, steps 251-300 {last:F4}");
        Assert.True(last < 0.9 * firstNeumann, $"mean loss: steps 101-150 {firstNeumann:F4}, steps 251-300 {last:F4}");
        var p = model.Parameters().First();
        Assert.Equal(300, neumann.GetState(p)!.Step);
        Assert.Contains(neumann.GetState(p)!.Buffer("momentum").ToArray(), m => m != 0);
    }
}
