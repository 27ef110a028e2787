using ShampooActors.Host.Checkpoints;
using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Host.Tests.Checkpoints;

/// <summary>How <see cref="ResumePoint"/> picks the checkpoint a resumed run continues from.</summary>
[Collection(nameof(AloneCollection))]
public sealed class ResumePointSpec : IDisposable
{
    private static readonly Lazy<ImageDataset> Train = new(() => FashionMnist.Load().Train);

    private readonly string _run = Directory.CreateTempSubdirectory("shampoo-resume-point-").FullName;

    public void Dispose() => Directory.Delete(_run, recursive: true);

    private CheckpointStore Store => new(Path.Combine(_run, ResumePoint.Folder), keep: 10);

    private static TrainingState Build(int batchSize, Func<Module, Optimizer>? optimizer = null)
    {
        var model = new FashionMnistMlp().CreateModel(new SplitMix64(0));
        var o = optimizer?.Invoke(model) ?? new Adam(model.Parameters(), new AdamOptions { Lr = 1e-3 });
        return new TrainingState(model, o, new LrScheduler(o, new ConstantSchedule()), new BatchLoader(Train.Value, batchSize));
    }

    /// <summary>Trains <paramref name="steps"/> steps on <paramref name="state"/> and saves a checkpoint of the last.</summary>
    private void TrainAndSave(TrainingState state, int steps)
    {
        var trainer = new Trainer(new FashionMnistMlp(), state.Model, state.Optimizer, state.Loader, state.Scheduler);
        for (var i = 0; i < steps; i++)
            trainer.RunStep();
        Store.Save(state.Capture(steps, wallSeconds: steps / 10.0));
    }

    [Fact]
    public void A_checkpoint_that_fails_to_restore_midway_is_refused_and_the_next_is_restored_into_new_objects()
    {
        var good = Build(16);
        TrainAndSave(good, 2);
        TrainAndSave(Build(8), 3);
        var built = new List<TrainingState>();

        var point = ResumePoint.Find(_run, () =>
        {
            built.Add(Build(16));
            return built[^1];
        });

        Assert.Equal(2, point.Checkpoint.Step);
        Assert.EndsWith("step-00000002.ckpt", point.Path);
        Assert.Equal([new CheckpointRefusal("checkpoints/step-00000003.ckpt", "mismatched: the state is for batch size 8, this loader draws 16")],
            point.Refusals);
        Assert.Equal(2, built.Count);
        Assert.Same(built[1], point.State);
        var expected = good.Model.StateDict();
        foreach (var (name, tensor) in point.State.Model.StateDict())
            Assert.True(tensor.Data.SequenceEqual(expected[name].Data), $"parameter {name} is not the older checkpoint's");
        Assert.Equal(good.Loader.SaveState().Permutation, point.State.Loader.SaveState().Permutation);
        Assert.Equal(0.2, point.Checkpoint.WallSeconds);
    }

    [Fact]
    public void Optimizer_settings_that_keep_the_state_shapes_take_effect_and_ones_that_change_them_refuse_the_checkpoint()
    {
        TrainAndSave(Build(16, m => new Sgd(m.Parameters(), new SgdOptions { Lr = 0.1, Momentum = 0.9 })), 2);

        var lower = ResumePoint.Find(_run, () => Build(16, m => new Sgd(m.Parameters(), new SgdOptions { Lr = 0.01, Momentum = 0.5 })));
        var refused = Assert.Throws<UsageException>(() => ResumePoint.Find(_run, () => Build(16, m => new Sgd(m.Parameters(), new SgdOptions { Lr = 0.1 }))));

        var group = lower.State.Optimizer.ParamGroups[0];
        Assert.Equal(0.01, group.Lr);
        Assert.Equal(0.5, ((SgdOptions)group.Options).Momentum);
        Assert.Equal(2, lower.State.Scheduler.LastStep);
        Assert.StartsWith($"--resume {_run} has no checkpoint this job can continue from: refused checkpoints/step-00000002.ckpt: mismatched: ", refused.Message);
        Assert.Contains("momentum_buffer", refused.Message);
    }

    [Fact]
    public void A_folder_without_checkpoints_is_a_usage_error_and_builds_nothing()
    {
        var builds = 0;

        var e = Assert.Throws<UsageException>(() => ResumePoint.Find(_run, () =>
        {
            builds++;
            return Build(16);
        }));

        Assert.Contains("has no checkpoints", e.Message);
        Assert.Equal(0, builds);
    }
}
