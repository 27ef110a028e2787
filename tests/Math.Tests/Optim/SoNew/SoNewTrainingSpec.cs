using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Data;
using ShampooActors.Math.Training;

namespace ShampooActors.Math.Tests.Optim.SoNew;

public sealed class SoNewTrainingSpec(RealFashionMnistFixture fixture) : IClassFixture<RealFashionMnistFixture>
{
    [Theory]
    [InlineData(SoNewStructure.Tridiagonal)]
    [InlineData(SoNewStructure.Banded)]
    public void SONew_reduces_the_fmnist_mlp_training_loss_within_300_steps(SoNewStructure structure)
    {
        var workload = Workload.Find("fmnist-mlp")!;
        var model = workload.CreateModel(new SplitMix64(0));
        var optimizer = new ShampooActors.Math.Optim.SoNew(model.Parameters(), new SoNewOptions { Lr = 1e-3, Structure = structure });
        var trainer = new Trainer(workload, model, optimizer, new BatchLoader(fixture.Data.Train, workload.BatchSize));
        var losses = new List<double>();
        for (var i = 0; i < 300; i++)
            losses.Add(trainer.RunStep().Loss);

        // The first 50 batches average well above 1 (they start near ln 10 ≈ 2.3); a working optimizer ends far below.
        var first = losses.Take(50).Average();
        var last = losses.TakeLast(50).Average();
        Assert.All(losses, loss => Assert.True(double.IsFinite(loss)));
        Assert.True(last < 0.6 * first, $"mean loss fell from {first:F4} (steps 1-50) to only {last:F4} (steps 251-300)");
    }
}
