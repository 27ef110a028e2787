using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Tests.Nn;

/// <summary>Linear layer initialisation: PyTorch's default and Glorot uniform, checked statistically.</summary>
public sealed class LinearInitSpec
{
    /// <summary>
    /// Samples of U(−b, b): all inside [−b, b]; both extremes reached to within 1 % (the chance that none of N
    /// samples lands in the outer 0.5 % at one end is 0.995^N, below 1e-20 for N ≥ 10 000); mean within 5 standard
    /// errors of 0 (σ = b/√3); variance within 3 % of b²/3 (its relative standard error is √(0.8/N) ≤ 0.5 %, so
    /// 3 % is 6 standard errors, while a bound off by √2 or √3 moves it by 100 % or more).
    /// </summary>
    private static void AssertUniform(float[] samples, double bound)
    {
        var n = samples.Length;
        Assert.All(samples, v => Assert.InRange(System.Math.Abs((double)v), 0, bound));
        Assert.True(samples.Max() >= 0.99 * bound, $"largest sample {samples.Max()} is far below the bound {bound}");
        Assert.True(samples.Min() <= -0.99 * bound, $"smallest sample {samples.Min()} is far above −{bound}");
        var mean = samples.Average(v => (double)v);
        Assert.True(System.Math.Abs(mean) <= 5 * bound / System.Math.Sqrt(3.0 * n), $"mean {mean} is not ≈ 0");
        var variance = samples.Sum(v => ((double)v - mean) * ((double)v - mean)) / (n - 1);
        Assert.InRange(variance, bound * bound / 3 * 0.97, bound * bound / 3 * 1.03);
    }

    [Fact]
    public void PyTorch_default_draws_the_weight_from_plus_minus_one_over_sqrt_fan_in()
    {
        var layer = new Linear(256, 64, new SplitMix64(1));
        Assert.Equal(new[] { 64, 256 }, layer.Weight.ShapeArray());
        AssertUniform(layer.Weight.ToArray(), 1 / System.Math.Sqrt(256));
    }

    [Fact]
    public void PyTorch_default_draws_the_bias_from_the_same_bound()
    {
        // 64 samples are too few for the statistics above; P(all |b| < 0.8·bound) = 0.8^64 ≈ 6e-7.
        var layer = new Linear(256, 64, new SplitMix64(2));
        var bias = layer.Bias!.ToArray();
        var bound = 1 / System.Math.Sqrt(256);
        Assert.All(bias, v => Assert.InRange(System.Math.Abs((double)v), 0, bound));
        Assert.True(bias.Max(v => System.Math.Abs(v)) >= 0.8 * bound);
        Assert.True(bias.Distinct().Count() > 60);
    }

    [Fact]
    public void Glorot_draws_the_weight_from_plus_minus_sqrt_six_over_fan_in_plus_fan_out_and_zeroes_the_bias()
    {
        var layer = new Linear(200, 100, new SplitMix64(3), init: Init.GlorotUniform);
        AssertUniform(layer.Weight.ToArray(), System.Math.Sqrt(6.0 / 300));
        Assert.All(layer.Bias!.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void The_weight_is_drawn_before_the_bias_from_the_given_generator()
    {
        var layer = new Linear(3, 2, new SplitMix64(4));
        var bound = (float)(1 / System.Math.Sqrt(3));
        var draws = new float[8];
        new SplitMix64(4).FillUniform(draws, -bound, bound);
        Assert.Equal(draws[..6], layer.Weight.ToArray());
        Assert.Equal(draws[6..], layer.Bias!.ToArray());
    }

    [Fact]
    public void A_layer_without_bias_has_only_a_weight()
    {
        var layer = new Linear(3, 2, new SplitMix64(5), bias: false);
        Assert.Null(layer.Bias);
        Assert.Equal(new[] { "weight" }, layer.NamedParameters().Select(p => p.Name));
        Assert.Equal(6, layer.ParameterCount());
    }

    [Fact]
    public void A_layer_needs_at_least_one_input_and_one_output_feature()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0, 2, new SplitMix64(6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(2, 0, new SplitMix64(6)));
    }
}
