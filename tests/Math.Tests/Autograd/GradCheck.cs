using System.Globalization;
using System.Text;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>
/// Compares the tape's gradients with central differences of f(x) = Σ wᵢ·op(x)ᵢ, for fixed random weights w,
/// accumulated in float64 over our float32 forward pass.
/// </summary>
/// <remarks>
/// Error budget of the numerical derivative (f(x+h) − f(x−h)) / 2h:
/// <list type="bullet">
/// <item>Round-off: every float32 output carries a relative error of a few units of 2⁻²⁴ ≈ 6e-8, so each f is off by
/// at most c·6e-8·A with A = Σ|wᵢ|·max(1, |op(x)ᵢ|); two evaluations divided by 2h give c·6e-8·A/h. c = 16 covers
/// up to 8 roundings per output (a dot product of length ≤ 8, an exp/log chain) for each of the two evaluations.
/// Outputs that do not depend on the perturbed element are bit-identical in both evaluations, so this is a wide
/// upper bound.</item>
/// <item>Truncation: h²/6·|∂³f/∂xⱼ³| ≤ h²/6·M·Σ|wᵢ|, with M a bound on |∂³op(x)ᵢ/∂xⱼ³| stated by each check. M is 0
/// for ops that are at most quadratic in each input element (add, mul, matmul, reshape, ReLU away from its kink):
/// there central differences are exact, so those checks use a large h and shrink the round-off term.</item>
/// <item>The tape's own float32 gradient: relative 1e-5 (about 100 roundings), small beside the two above.</item>
/// </list>
/// Round-off falls as 1/h and truncation grows as h², so smooth ops use h ≈ 1e-2 (where the two meet for
/// M ≈ 1, A ≈ 10) and piecewise-quadratic ops h = 0.1. Every check also asserts that its tolerance is below 2 %
/// of the largest gradient it compares, so no check passes because its tolerance swallows the signal.
/// </remarks>
internal static class GradCheck
{
    private const double UnitRoundoff = 5.96e-8;
    private const double RoundingsPerOutput = 16;
    private const double GradientRelative = 1e-5;
    private const double MaxToleranceShare = 0.02;

    /// <summary>
    /// Checks the gradient of every input that requires grad, and that inputs that do not require grad get none.
    /// </summary>
    /// <param name="op">The operation under test; it is called with <paramref name="inputs"/> many times.</param>
    /// <param name="inputs">Leaves; those with RequiresGrad are checked element by element.</param>
    /// <param name="h">The central-difference step.</param>
    /// <param name="thirdDerivative">M, a bound on |∂³op(x)ᵢ/∂xⱼ³| over the inputs used (0 for piecewise-quadratic ops).</param>
    /// <param name="seed">Seed of the output weights w.</param>
    public static void Check(Func<Tensor[], Tensor> op, Tensor[] inputs, double h, double thirdDerivative, int seed = 7)
    {
        Assert.Null(GradientTape.Current);
        var baseline = op(inputs).ToArray();
        var weights = Weights(baseline.Length, seed);
        var analytic = TapeGradients(op, inputs, weights);

        double scale = 0, weightSum = 0;
        for (var i = 0; i < baseline.Length; i++)
        {
            scale += System.Math.Abs(weights[i]) * System.Math.Max(1.0, System.Math.Abs(baseline[i]));
            weightSum += System.Math.Abs(weights[i]);
        }

        var report = new StringBuilder();
        for (var k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            if (!x.RequiresGrad)
            {
                Assert.True(x.Grad is null, $"input {k} does not require grad but received a gradient");
                continue;
            }
            var fromTape = analytic[k] ?? throw new Xunit.Sdk.XunitException($"input {k} requires grad but received none");
            double largestGradient = 0, largestTolerance = 0;
            for (var j = 0; j < x.Length; j++)
            {
                var (numeric, step) = CentralDifference(op, inputs, x, j, h, weights);
                var roundoff = RoundingsPerOutput * UnitRoundoff * scale / (step / 2);
                var truncation = step * step / 24 * thirdDerivative * weightSum;
                var tolerance = roundoff + truncation + GradientRelative * System.Math.Abs(numeric);
                largestGradient = System.Math.Max(largestGradient, System.Math.Abs(numeric));
                largestTolerance = System.Math.Max(largestTolerance, tolerance);
                if (!(System.Math.Abs(fromTape[j] - numeric) <= tolerance))
                {
                    report.AppendLine(CultureInfo.InvariantCulture,
                        $"input {k} element {j}: tape {fromTape[j]:G7}, central difference {numeric:G7}, tolerance {tolerance:G3}");
                }
            }
            Assert.True(largestTolerance <= MaxToleranceShare * largestGradient,
                $"input {k}: tolerance {largestTolerance:G3} is too loose for gradients of size {largestGradient:G3}");
        }
        Assert.True(report.Length == 0, "gradient check failed:" + Environment.NewLine + report);
    }

    /// <summary>Output weights ±U(0.5, 1): bounded away from zero so that every output's gradient counts.</summary>
    public static float[] Weights(int count, int seed)
    {
        var random = new Random(seed);
        var weights = new float[count];
        for (var i = 0; i < count; i++)
            weights[i] = (float)((0.5 + 0.5 * random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
        return weights;
    }

    /// <summary>
    /// The gradients the tape gives for a backward pass seeded with <paramref name="weights"/> (null where none).
    /// The first pass draws every tape buffer from a pool filled with NaN, so an op that reads memory it should
    /// only write shows up as NaN. The second pass finds each leaf's kept gradient array filled with NaN and the
    /// pool's buffers holding the first pass's values, so an op that adds into a gradient it should overwrite (the
    /// first contribution after ZeroGrad) fails too. Both passes must agree bit for bit.
    /// </summary>
    public static float[]?[] TapeGradients(Func<Tensor[], Tensor> op, Tensor[] inputs, float[] weights)
    {
        var pool = PoisonedPool();
        var passes = new float[]?[2][];
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var x in inputs)
            {
                x.Grad?.Data.Fill(float.NaN);
                x.ZeroGrad();
            }
            using (new GradientTape(pool))
            {
                var y = op(inputs);
                y.Backward(Tensor.FromValues(weights, y.ShapeArray()));
            }
            passes[pass] = inputs.Select(x => x.Grad?.ToArray()).ToArray();
        }
        Assert.True(pool.Misses == 0, $"the check's tensors outgrew the poisoned pool ({pool.Misses} misses)");
        Assert.Equal(passes[0], passes[1]);
        return passes[1];
    }

    /// <summary>A pool holding NaN-filled arrays of every length up to 64, enough for all the tensors of one check.</summary>
    public static BufferPool PoisonedPool()
    {
        var pool = new BufferPool();
        for (var length = 1; length <= 64; length++)
        {
            for (var copy = 0; copy < 16; copy++)
                pool.Return(Enumerable.Repeat(float.NaN, length).ToArray());
        }
        return pool;
    }

    /// <summary>f = Σ wᵢ·op(x)ᵢ in float64, evaluated outside any tape.</summary>
    public static double Objective(Func<Tensor[], Tensor> op, Tensor[] inputs, float[] weights)
    {
        ReadOnlySpan<float> y = op(inputs).Data;
        double total = 0;
        for (var i = 0; i < y.Length; i++)
            total += (double)weights[i] * y[i];
        return total;
    }

    /// <summary>
    /// (f(x+h) − f(x−h)) / (x₊ − x₋) where x₊ and x₋ are the float32 values actually stored, so the rounding of the
    /// perturbed input does not bias the quotient. Returns the quotient and the step x₊ − x₋.
    /// </summary>
    private static (double Derivative, double Step) CentralDifference(
        Func<Tensor[], Tensor> op, Tensor[] inputs, Tensor x, int j, double h, float[] weights)
    {
        var original = x.Data[j];
        var plus = (float)(original + h);
        var minus = (float)(original - h);
        x.Data[j] = plus;
        var fPlus = Objective(op, inputs, weights);
        x.Data[j] = minus;
        var fMinus = Objective(op, inputs, weights);
        x.Data[j] = original;
        var step = (double)plus - minus;
        return ((fPlus - fMinus) / step, step);
    }
}
