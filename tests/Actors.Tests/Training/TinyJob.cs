using ShampooActors.Actors.Training;
using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>A classifier small enough for many jobs per test: 12 features, 3 classes, a 12-8-3 MLP, batch 8.</summary>
internal sealed class TinyWorkload : Workload
{
    public override string Name => "tiny";

    public override int BatchSize => 8;

    public override double TargetLoss => 0.5;

    public override bool IsClassifier => true;

    public override Module CreateModel(SplitMix64 rng) => new Sequential(new Linear(12, 8, rng), new ReLU(), new Linear(8, 3, rng));

    public override Tensor Loss(Tensor output, Tensor images, ReadOnlySpan<int> labels) => Ops.CrossEntropy(output, labels);
}

/// <summary>Jobs over <see cref="TinyWorkload"/> and 64 synthetic examples whose label is the largest of three fixed sums of features.</summary>
internal static class TinyJob
{
    public static readonly ImageDataset Data = CreateData();

    /// <summary>Shampoo with 4-wide blocks (11 blocks over the model), roots every <paramref name="preconditionEvery"/> steps.</summary>
    public static ShampooOptions Shampoo(int preconditionEvery = 2, int start = 2) => new()
    {
        Lr = 0.01,
        PreconditionEvery = preconditionEvery,
        StartPreconditioningStep = start,
        Blocking = new BlockingOptions { BlockSize = 4 },
    };

    /// <summary>Replica <paramref name="rank"/> of <paramref name="replicas"/> with a fresh model from seed 0 and <paramref name="options"/>.</summary>
    public static Replica Replica(int rank, int replicas, ShampooOptions options, int batchSize = 8)
    {
        var workload = new TinyWorkload();
        var model = workload.CreateModel(new SplitMix64(0));
        var optimizer = new Shampoo(model.Parameters(), options);
        var scheduler = new LrScheduler(optimizer, new ConstantSchedule());
        var loader = new BatchLoader(Data, batchSize, 0, rank, replicas);
        return new Replica(model, optimizer, scheduler, loader, new Trainer(workload, model, optimizer, loader, scheduler));
    }

    /// <summary>A job of <paramref name="steps"/> steps reporting to <paramref name="observer"/>.</summary>
    public static TrainingJob Create(long steps, ITrainingObserver observer, PreconditioningOptions? preconditioning = null,
        TrainingServices? services = null, ShampooOptions? options = null, int replicas = 1, long checkpointEvery = 0,
        Func<int, Replica>? createReplica = null, int batchSize = 8) =>
        new(replicas, createReplica ?? (rank => Replica(rank, replicas, options ?? Shampoo(), batchSize)), steps,
            preconditioning ?? new PreconditioningOptions { Workers = 1 }, checkpointEvery, observer, services ?? new TrainingServices());

    private static ImageDataset CreateData()
    {
        const int count = 64, features = 12;
        var rng = new SplitMix64(7);
        var images = new float[count * features];
        rng.FillUniform(images, 0, 1);
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var row = images.AsSpan(i * features, features);
            var sums = new[] { row[..4].ToArray().Sum(), row[4..8].ToArray().Sum(), row[8..].ToArray().Sum() };
            labels[i] = Array.IndexOf(sums, sums.Max());
        }
        return new ImageDataset(images, labels, features);
    }
}

/// <summary>Records what a job reports: every step, and a copy of the leader's parameters at every checkpoint.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    public List<StepReport> Steps { get; } = [];

    public List<(long Step, float[][] Parameters)> Checkpoints { get; } = [];

    public List<float[][]> ParametersAfterStep { get; } = [];

    public Replica? Leader { get; private set; }

    public void StepCompleted(StepReport report, Replica leader)
    {
        Leader = leader;
        Steps.Add(report);
        ParametersAfterStep.Add(Parameters(leader));
    }

    public void SaveCheckpoint(long step, Replica leader) => Checkpoints.Add((step, Parameters(leader)));

    public static float[][] Parameters(Replica replica) => replica.Model.Parameters().Select(p => p.Data.ToArray()).ToArray();
}
