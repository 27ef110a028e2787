using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Data;
using ShampooActors.Math.Training;

namespace ShampooActors.Math.Tests.Training;

public sealed class TrainerSpec(RealFashionMnistFixture fixture) : IClassFixture<RealFashionMnistFixture>
{
    private Trainer MlpTrainer(out Adam optimizer)
    {
        var workload = new FashionMnistMlp();
        var model = workload.CreateModel(new SplitMix64(0));
        optimizer = new Adam(model.Parameters());
        return new Trainer(workload, model, optimizer, new BatchLoader(fixture.Data.Train, workload.BatchSize));
    }

    [Fact]
    public void Adam_brings_fmnist_mlp_train_loss_below_0_60_within_300_steps()
    {
        var trainer = MlpTrainer(out _);
        var losses = new List<double>();
        for (var i = 0; i < 300; i++)
            losses.Add(trainer.RunStep().Loss);

        // The workload logs the mean of the last 50 batch losses; the first batches sit near ln 10 ≈ 2.3.
        Assert.InRange(losses.Take(5).Average(), 1.8, 2.6);
        Assert.True(losses.TakeLast(50).Average() < 0.60, $"mean loss of steps 251-300 was {losses.TakeLast(50).Average():F4}");
    }

    [Fact]
    public void A_steady_state_step_allocates_less_than_64_KB_and_takes_no_new_buffers()
    {
        var trainer = MlpTrainer(out _);
        for (var i = 0; i < 3; i++)
            trainer.RunStep();
        var misses = trainer.Pool.Misses;
        var before = GC.GetAllocatedBytesForCurrentThread();
        const int steps = 20;
        for (var i = 0; i < steps; i++)
            trainer.RunStep();
        var perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;

        Assert.Equal(misses, trainer.Pool.Misses);
        Assert.True(perStep < 64 * 1024, $"{perStep} bytes per step");
    }

    [Fact]
    public void Evaluation_of_an_untrained_classifier_is_near_chance()
    {
        var workload = new FashionMnistMlp();
        var evaluation = workload.Evaluate(workload.CreateModel(new SplitMix64(0)), fixture.Data.Test);

        Assert.InRange(evaluation.Loss, 2.0, 2.6);
        Assert.NotNull(evaluation.Accuracy);
        Assert.InRange(evaluation.Accuracy!.Value, 0.0, 0.3);
    }

    [Fact]
    public void Evaluation_loss_is_the_example_weighted_mean_of_batch_losses()
    {
        var workload = new FashionMnistAutoencoder();
        var model = workload.CreateModel(new SplitMix64(3));
        var data = fixture.Data.Test;

        // Chunks of 3000 leave a last chunk of 1000: an unweighted mean of chunk losses would differ.
        var chunked = workload.Evaluate(model, data, chunkSize: 3000).Loss;
        var whole = workload.Evaluate(model, data, chunkSize: data.Count).Loss;

        Assert.Null(workload.Evaluate(model, data, chunkSize: 5000).Accuracy);
        Assert.Equal(whole, chunked, 1e-3 * whole);
    }
}
