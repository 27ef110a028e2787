using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>Sum and Mean: float64-accurate values and constant gradients.</summary>
public sealed class ReductionSpec
{
    [Fact]
    public void Sum_and_mean_match_a_float64_sum()
    {
        var x = new TestRandom(1).Tensor(-1, 1, 7, 5);
        var exact = x.ToArray().Sum(v => (double)v);
        // Up to 1024 elements are added in float32: at most n·2⁻²⁴·Σ|x| off the exact sum.
        var tolerance = x.Length * 6e-8 * x.ToArray().Sum(v => System.Math.Abs((double)v));
        Assert.InRange(Ops.Sum(x).Item(), exact - tolerance, exact + tolerance);
        Assert.InRange(Ops.Mean(x).Item(), (exact - tolerance) / x.Length, (exact + tolerance) / x.Length);
        Assert.Equal(0, Ops.Sum(x).Rank);
    }

    [Fact]
    public void Sum_of_a_million_elements_does_not_drift()
    {
        // 0.1f added 2²⁰ times: a float32 running sum drifts by about 1 %; float32 chunks of 1024 (relative error
        // ≤ 1024·6e-8 ≈ 6e-5) added in float64 stay well inside 1e-4.
        const int n = 1 << 20;
        var x = Tensor.Full(0.1f, n);
        var exact = (double)0.1f * n;
        Assert.InRange(Ops.Sum(x).Item(), exact * (1 - 1e-4), exact * (1 + 1e-4));
    }

    [Fact]
    public void Sum_gradient_is_the_upstream_gradient_in_every_element()
    {
        var x = new TestRandom(2).Leaf(3, 4);
        GradCheck.Check(v => Ops.Sum(v[0]), [x], h: 0.1, thirdDerivative: 0);
    }

    [Fact]
    public void Mean_gradient_is_the_upstream_gradient_divided_by_the_element_count()
    {
        // With 12 elements a gradient of 1/12 per unit weight; a missing 1/n would be 12 times too large.
        var x = new TestRandom(3).Leaf(3, 4);
        GradCheck.Check(v => Ops.Mean(v[0]), [x], h: 0.1, thirdDerivative: 0);
    }

    [Fact]
    public void Mean_of_an_empty_tensor_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Ops.Mean(Tensor.Zeros(0, 3)));
    }
}
