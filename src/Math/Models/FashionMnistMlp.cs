using ShampooActors.Math.Data;
using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Models;

/// <summary>W1 <c>fmnist-mlp</c>: 784-256-256-10 with ReLU, softmax cross-entropy, batch 128, PyTorch default init, target 0.30.</summary>
public sealed class FashionMnistMlp : Workload
{
    /// <inheritdoc />
    public override string Name => "fmnist-mlp";

    /// <inheritdoc />
    public override int BatchSize => 128;

    /// <inheritdoc />
    public override double TargetLoss => 0.30;

    /// <inheritdoc />
    public override bool IsClassifier => true;

    /// <inheritdoc />
    public override Module CreateModel(SplitMix64 rng) => new Sequential(
        new Linear(FashionMnist.Features, 256, rng), new ReLU(),
        new Linear(256, 256, rng), new ReLU(),
        new Linear(256, FashionMnist.Classes, rng));

    /// <inheritdoc />
    public override Tensor Loss(Tensor output, Tensor images, ReadOnlySpan<int> labels) => Ops.CrossEntropy(output, labels);
}
