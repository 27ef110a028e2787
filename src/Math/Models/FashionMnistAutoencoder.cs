using ShampooActors.Math.Data;
using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Models;

/// <summary>
/// W2 <c>fmnist-autoencoder</c>: 784-1000-500-250-30-250-500-1000-784, tanh after every hidden layer (the 30-unit
/// code included), logits out; sigmoid BCE summed over pixels and averaged over the batch; batch 256, target 230.
/// </summary>
public sealed class FashionMnistAutoencoder : Workload
{
    /// <summary>The layer widths from input to output.</summary>
    public static IReadOnlyList<int> Widths { get; } = [784, 1000, 500, 250, 30, 250, 500, 1000, 784];

    /// <inheritdoc />
    public override string Name => "fmnist-autoencoder";

    /// <inheritdoc />
    public override int BatchSize => 256;

    /// <inheritdoc />
    public override double TargetLoss => 230;

    /// <inheritdoc />
    public override bool IsClassifier => false;

    /// <inheritdoc />
    public override Module CreateModel(SplitMix64 rng)
    {
        var layers = new List<Module>();
        for (var i = 0; i + 1 < Widths.Count; i++)
        {
            layers.Add(new Linear(Widths[i], Widths[i + 1], rng));
            if (i + 2 < Widths.Count)
                layers.Add(new Tanh());
        }
        return new Sequential([.. layers]);
    }

    /// <inheritdoc />
    public override Tensor Loss(Tensor output, Tensor images, ReadOnlySpan<int> labels) =>
        Ops.BinaryCrossEntropyWithLogits(output, images);
}
