using System.Numerics.Tensors;
using ShampooActors.Math.Data;
using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Models;

/// <summary>
/// A benchmark workload of BENCHMARKS.md: a model, its loss, its batch size and step budget, and the train-loss
/// target that runs are compared on. The data order is the loader's (SplitMix64, seed 0).
/// </summary>
public abstract class Workload
{
    /// <summary>Every workload, by name.</summary>
    public static IReadOnlyList<Workload> All { get; } = [new FashionMnistMlp(), new FashionMnistAutoencoder()];

    /// <summary>The workload called <paramref name="name"/>, or null.</summary>
    public static Workload? Find(string name) => All.FirstOrDefault(w => w.Name == name);

    /// <summary>The name used on the command line, e.g. <c>fmnist-mlp</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Examples per training batch.</summary>
    public abstract int BatchSize { get; }

    /// <summary>The step budget of the benchmark.</summary>
    public virtual int Steps => 2000;

    /// <summary>The train loss that "time to target" is measured against.</summary>
    public abstract double TargetLoss { get; }

    /// <summary>Whether outputs are class logits (accuracy is reported) rather than reconstructions.</summary>
    public abstract bool IsClassifier { get; }

    /// <summary>A freshly initialised model; all initial values are drawn from <paramref name="rng"/>.</summary>
    public abstract Module CreateModel(SplitMix64 rng);

    /// <summary>The training loss of <paramref name="output"/> for a batch of <paramref name="images"/> and <paramref name="labels"/>.</summary>
    public abstract Tensor Loss(Tensor output, Tensor images, ReadOnlySpan<int> labels);

    /// <summary>Mean loss per example (and accuracy for classifiers) over <paramref name="data"/>, without gradients.</summary>
    public Evaluation Evaluate(Module model, ImageDataset data, int chunkSize = 1000)
    {
        double lossSum = 0;
        long correct = 0;
        foreach (var chunk in data.Chunks(chunkSize))
        {
            using var scope = GradientTape.NoGrad();
            var output = model.Forward(chunk.Images);
            var labels = chunk.Labels.Span;
            lossSum += Loss(output, chunk.Images, labels).Item() * (double)labels.Length;
            if (!IsClassifier)
                continue;
            var classes = output.Dim(1);
            ReadOnlySpan<float> logits = output.Data;
            for (var r = 0; r < labels.Length; r++)
            {
                if (TensorPrimitives.IndexOfMax(logits.Slice(r * classes, classes)) == labels[r])
                    correct++;
            }
        }
        return new Evaluation(lossSum / data.Count, IsClassifier ? (double)correct / data.Count : null);
    }
}
