using System.Numerics.Tensors;

namespace ShampooActors.Math;

public static partial class Ops
{
    private const int LossChunk = 1024;

    /// <summary>
    /// Softmax cross-entropy of logits [n, c] against class indices, averaged over the batch; computed stably
    /// (max-shifted log-sum-exp). Labels outside [0, c) are an error. Labels receive no gradient.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, ReadOnlySpan<int> labels)
    {
        RequireRank(logits, 2, "cross_entropy", "logits");
        int n = logits.Dim(0), c = logits.Dim(1);
        if (labels.Length != n)
            throw new ArgumentException($"cross_entropy: {labels.Length} labels for {n} rows of logits");
        var tracks = Tracks(logits);
        var probs = tracks ? Scratch(n * c) : new float[c];
        ReadOnlySpan<float> x = logits.Data;
        double total = 0;
        for (var r = 0; r < n; r++)
        {
            var label = labels[r];
            if ((uint)label >= (uint)c)
                throw new ArgumentException($"cross_entropy: label {label} at row {r} is outside [0, {c})");
            var row = x.Slice(r * c, c);
            var p = tracks ? probs.AsSpan(r * c, c) : probs.AsSpan();
            var max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, p);
            TensorPrimitives.Exp(p, p);
            var sum = TensorPrimitives.Sum(p);
            total += System.Math.Log(sum) + max - row[label];
            if (tracks)
            {
                // d(mean loss)/dx = (softmax − onehot) / n, kept for the backward step.
                TensorPrimitives.Multiply(p, 1f / (sum * n), p);
                p[label] -= 1f / n;
            }
        }
        var loss = Tensor.Uninitialized([]);
        loss.Data[0] = (float)(total / n);
        return tracks ? Record(new SavedGradientNode(logits, probs), loss) : loss;
    }

    /// <summary>
    /// Binary cross-entropy of sigmoid(logits) against targets in [0, 1], summed over the features and averaged over
    /// the outermost (batch) dimension: (1/n)·Σ max(x,0) − x·t + log(1 + e^(−|x|)). Targets receive no gradient.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets)
    {
        if (!logits.Shape.SequenceEqual(targets.Shape) || logits.Rank < 1)
            throw new ArgumentException($"bce_with_logits: logits {Shapes.Format(logits.Shape)} and targets {Shapes.Format(targets.Shape)} must have the same shape with a batch dimension");
        var n = logits.Dim(0);
        ReadOnlySpan<float> x = logits.Data, t = targets.Data;
        Span<float> buffer = stackalloc float[3 * LossChunk];
        double total = 0;
        for (var i = 0; i < x.Length; i += LossChunk)
        {
            var len = System.Math.Min(LossChunk, x.Length - i);
            var xs = x.Slice(i, len);
            Span<float> b = buffer[..len], c = buffer.Slice(LossChunk, len), d = buffer.Slice(2 * LossChunk, len);
            TensorPrimitives.Abs(xs, b);
            TensorPrimitives.Negate(b, b);
            TensorPrimitives.Exp(b, b);
            total += Kernels.SumLog1p(b, c, d);
            // max(x, 0) − x·t per element, so that a confident correct prediction contributes an exact 0 here
            // instead of the difference of two large rounded sums.
            TensorPrimitives.Max(xs, 0f, b);
            TensorPrimitives.Multiply(xs, t.Slice(i, len), c);
            TensorPrimitives.Subtract(b, c, b);
            total += TensorPrimitives.Sum(b);
        }
        var loss = Tensor.Uninitialized([]);
        loss.Data[0] = (float)(total / n);
        if (!Tracks(logits))
            return loss;
        // d/dx = (sigmoid(x) − t) / n.
        var grad = Scratch(x.Length);
        TensorPrimitives.Sigmoid(x, grad);
        TensorPrimitives.Subtract(grad, t, grad);
        TensorPrimitives.Multiply(grad, 1f / n, grad);
        return Record(new SavedGradientNode(logits, grad), loss);
    }

    /// <summary>Mean squared error over all elements (torch's MSELoss with mean reduction). The target receives no gradient.</summary>
    public static Tensor MseLoss(Tensor prediction, Tensor target)
    {
        if (!prediction.Shape.SequenceEqual(target.Shape))
            throw new ArgumentException($"mse: prediction {Shapes.Format(prediction.Shape)} and target {Shapes.Format(target.Shape)} differ");
        if (prediction.Length == 0)
            throw new ArgumentException("mse: the tensors are empty");
        var tracks = Tracks(prediction);
        var diff = tracks ? Scratch(prediction.Length) : new float[prediction.Length];
        TensorPrimitives.Subtract(prediction.Data, target.Data, diff);
        var loss = Tensor.Uninitialized([]);
        double total = 0;
        for (var i = 0; i < diff.Length; i += LossChunk)
        {
            var d = diff.AsSpan(i, System.Math.Min(LossChunk, diff.Length - i));
            total += TensorPrimitives.Dot(d, d);
        }
        loss.Data[0] = (float)(total / diff.Length);
        if (!tracks)
            return loss;
        TensorPrimitives.Multiply(diff, 2f / diff.Length, diff);
        return Record(new SavedGradientNode(prediction, diff), loss);
    }

    /// <summary>A scalar loss whose gradient per unit of upstream gradient was saved by the forward pass.</summary>
    private sealed class SavedGradientNode(Tensor x, float[] saved) : TapeNode
    {
        public override void Backward(ReadOnlySpan<float> dy)
        {
            var dx = x.AcquireGrad(out var acc);
            Kernels.StoreScaled(saved.AsSpan(0, x.Length), dy[0], dx, acc);
        }
    }
}
