using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>
/// CrossEntropy, BinaryCrossEntropyWithLogits and MseLoss: values against float64 formulas written independently
/// here, stability at extreme logits, and gradients against central differences.
/// </summary>
public sealed class LossSpec
{
    // Every loss here is a sum of one-variable softplus / log-sum-exp terms whose third derivative,
    // p(1 − p)(1 − 2p), is at most 1/(6√3) ≈ 0.0962 (before the 1/n of the batch mean): M = 0.1. With so small an
    // M a step of 0.05 leaves truncation below 5e-6 while cutting round-off fivefold against h = 0.01.
    private const double SmoothStep = 0.05;
    private const double SmoothThirdDerivative = 0.1;

    /// <summary>Mean over rows of log Σ exp(x) − x[label], with the log-sum-exp shifted by the row maximum.</summary>
    private static double CrossEntropyReference(float[] logits, int classes, int[] labels)
    {
        double total = 0;
        for (var r = 0; r < labels.Length; r++)
        {
            var row = logits.Skip(r * classes).Take(classes).Select(v => (double)v).ToArray();
            var max = row.Max();
            total += max + System.Math.Log(row.Sum(v => System.Math.Exp(v - max))) - row[labels[r]];
        }
        return total / labels.Length;
    }

    [Fact]
    public void Cross_entropy_equals_the_batch_mean_of_a_stable_float64_log_sum_exp()
    {
        var random = new TestRandom(1);
        var logits = random.Tensor(-3, 3, 4, 5);
        int[] labels = [0, 4, 2, 2];
        var loss = Ops.CrossEntropy(logits, labels);
        Assert.Equal(0, loss.Rank);
        // Float32 exponentials and a float32 sum over 5 classes: ≈ 8 roundings of terms ≤ |max| + log 5 < 5.
        Assert.Equal(CrossEntropyReference(logits.ToArray(), 5, labels), loss.Item(), 8 * 6e-8 * 5);
    }

    [Fact]
    public void Cross_entropy_stays_finite_and_exact_at_logits_of_a_thousand()
    {
        // Unshifted, e^1000 overflows; shifted, the loss is 2000 for the wrong class and log(1 + 2e^−2000) ≈ 0 for the right one.
        var logits = Tensor.FromValues([1000f, -1000f, 0f, 0f, -1000f, 1000f], 2, 3);
        var loss = Ops.CrossEntropy(logits, [1, 2]).Item();
        Assert.Equal(CrossEntropyReference(logits.ToArray(), 3, [1, 2]), loss, 1e-3);
        Assert.Equal(1000.0, loss, 1e-3);
    }

    [Fact]
    public void Cross_entropy_gradient_is_softmax_minus_one_hot_over_the_batch()
    {
        var logits = new TestRandom(2).Tensor(-2, 2, 4, 5);
        logits.RequiresGrad = true;
        int[] labels = [3, 0, 4, 1];
        GradCheck.Check(v => Ops.CrossEntropy(v[0], labels), [logits], SmoothStep, SmoothThirdDerivative);
    }

    [Fact]
    public void Cross_entropy_refuses_labels_outside_the_classes_or_of_the_wrong_count()
    {
        var logits = Tensor.Zeros(2, 3);
        var error = Assert.Throws<ArgumentException>(() => Ops.CrossEntropy(logits, [0, 3]));
        Assert.Contains("label 3 at row 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ops.CrossEntropy(logits, [-1, 0]));
        Assert.Throws<ArgumentException>(() => Ops.CrossEntropy(logits, [0]));
        Assert.Throws<ArgumentException>(() => Ops.CrossEntropy(Tensor.Zeros(6), [0]));
    }

    /// <summary>−[t·log σ(x) + (1 − t)·log(1 − σ(x))], summed over features and averaged over the batch.</summary>
    private static double BinaryCrossEntropyReference(float[] logits, float[] targets, int batch)
    {
        double total = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var p = 1 / (1 + System.Math.Exp(-(double)logits[i]));
            total -= targets[i] * System.Math.Log(p) + (1 - targets[i]) * System.Math.Log(1 - p);
        }
        return total / batch;
    }

    private static Tensor MixedTargets(TestRandom random, params int[] shape)
    {
        // Hard labels and soft targets alike.
        var t = random.Tensor(0, 1, shape);
        t.Data[0] = 0;
        t.Data[1] = 1;
        return t;
    }

    [Theory]
    [InlineData(new[] { 4, 3 })]
    [InlineData(new[] { 2, 3, 2 })]
    public void Binary_cross_entropy_sums_over_features_and_averages_over_the_batch(int[] shape)
    {
        var random = new TestRandom(3);
        var logits = random.Tensor(-4, 4, shape);
        var targets = MixedTargets(random, shape);
        var loss = Ops.BinaryCrossEntropyWithLogits(logits, targets);
        Assert.Equal(0, loss.Rank);
        // The reference's log(1 − σ(x)) loses digits as σ → 1; at |x| ≤ 4 that costs at most e⁴·1e-16 ≈ 6e-15, so
        // the float32 evaluation (≈ 8 roundings per term of size ≤ 5, 12 terms) sets the tolerance.
        Assert.Equal(BinaryCrossEntropyReference(logits.ToArray(), targets.ToArray(), shape[0]), loss.Item(), 12 * 8 * 6e-8 * 5);
    }

    [Fact]
    public void Binary_cross_entropy_stays_finite_and_exact_at_logits_of_eighty()
    {
        // σ(±80) is 0 or 1 in float32; the loss must come from the softplus form, not from log σ.
        var logits = Tensor.FromValues([80f, -80f, 80f, -80f], 2, 2);
        var targets = Tensor.FromValues([0f, 1f, 1f, 0f], 2, 2);
        var loss = Ops.BinaryCrossEntropyWithLogits(logits, targets).Item();
        // softplus(80) = 80 + log(1 + e^−80) in float64: 160 over a batch of 2.
        var expected = (System.Math.Log(1 + System.Math.Exp(80)) * 2 + System.Math.Log(1 + System.Math.Exp(-80)) * 2) / 2;
        Assert.Equal(expected, loss, 1e-4);
    }

    [Theory]
    [InlineData(8.0)]
    [InlineData(12.0)]
    [InlineData(20.0)]
    public void Binary_cross_entropy_of_confident_correct_predictions_keeps_its_relative_accuracy(double margin)
    {
        // Regression: with |x| ≥ 12 every term is log(1 + e^−|x|) < 7e-6, which log(1 + u) evaluated literally in
        // float32 gets wrong by up to 2⁻²⁴ absolute (the loss came out 9e-4 off, relative, and 0 beyond |x| ≈ 17).
        // Each term should carry only the few-ulp relative error of float32 exp and log (≈ 4e-7), so 1e-5 relative.
        var random = new TestRandom(9);
        var logits = random.Tensor(margin, margin + 4, 4, 64);
        var targets = Tensor.Full(1f, 4, 64);
        for (var i = 0; i < logits.Length; i += 2)
        {
            logits.Data[i] = -logits.Data[i];
            targets.Data[i] = 0;
        }
        double expected = 0;
        foreach (var x in logits.ToArray())
            expected += System.Math.Log(1 + System.Math.Exp(-System.Math.Abs((double)x))) / 4;
        var loss = Ops.BinaryCrossEntropyWithLogits(logits, targets).Item();
        Assert.True(System.Math.Abs(loss - expected) <= 1e-5 * expected, $"loss {loss}, float64 reference {expected}");
    }

    [Fact]
    public void Binary_cross_entropy_gradient_is_sigmoid_minus_target_over_the_batch_and_targets_get_none()
    {
        var random = new TestRandom(4);
        var logits = random.Tensor(-3, 3, 4, 3);
        logits.RequiresGrad = true;
        var targets = MixedTargets(random, 4, 3);
        GradCheck.Check(v => Ops.BinaryCrossEntropyWithLogits(v[0], v[1]), [logits, targets], SmoothStep, SmoothThirdDerivative);
    }

    [Fact]
    public void Binary_cross_entropy_refuses_mismatched_shapes_and_scalars()
    {
        Assert.Throws<ArgumentException>(() => Ops.BinaryCrossEntropyWithLogits(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Throws<ArgumentException>(() => Ops.BinaryCrossEntropyWithLogits(Tensor.Scalar(0), Tensor.Scalar(0)));
    }

    [Fact]
    public void Mse_loss_is_the_mean_of_squared_differences()
    {
        var random = new TestRandom(5);
        var prediction = random.Tensor(-2, 2, 3, 4);
        var target = random.Tensor(-2, 2, 3, 4);
        double expected = 0;
        for (var i = 0; i < 12; i++)
            expected += System.Math.Pow((double)prediction.Data[i] - target.Data[i], 2) / 12;
        // Squares of differences ≤ 4 in float32, 12 of them: ≈ 3 roundings each relative to ≤ 16.
        Assert.Equal(expected, Ops.MseLoss(prediction, target).Item(), 3 * 6e-8 * 16);
    }

    [Fact]
    public void Mse_loss_gradient_is_twice_the_difference_over_the_count_and_the_target_gets_none()
    {
        // Quadratic in the prediction: M = 0.
        var random = new TestRandom(6);
        GradCheck.Check(v => Ops.MseLoss(v[0], v[1]), [random.Leaf(3, 4), random.Tensor(-1, 1, 3, 4)], h: 0.1, thirdDerivative: 0);
    }

    [Fact]
    public void Mse_loss_refuses_mismatched_or_empty_tensors()
    {
        Assert.Throws<ArgumentException>(() => Ops.MseLoss(Tensor.Zeros(2, 3), Tensor.Zeros(6)));
        Assert.Throws<ArgumentException>(() => Ops.MseLoss(Tensor.Zeros(0), Tensor.Zeros(0)));
    }
}
