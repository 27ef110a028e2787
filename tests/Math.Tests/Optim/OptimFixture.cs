using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>Fixed parameters, gradient sequences and a float64-vs-float32 comparison shared by the optimizer specs.</summary>
internal static class OptimFixture
{
    /// <summary>
    /// Parameters stay O(1) here, where float32 spacing is 2⁻²³ ≈ 1.2e-7; three steps round a dozen operations each,
    /// which stays within a few ulps, so 1e-6 (≈ 8 ulps at 1, relative above 1) passes a correct rule. The updates in these
    /// tests are of order 1e-2 to 1e-1, so a rule that is wrong by a small fraction of a percent of an update fails.
    /// </summary>
    public const double Tolerance = 1e-6;

    /// <summary>Long enough (19) that vectorised loops of 4, 8 or 16 lanes run together with a scalar tail.</summary>
    public const int Length = 19;

    /// <summary>Initial values in ±[0.125, 1.625], exact in float32.</summary>
    public static double[] Theta0() => Enumerable.Range(0, Length).Select(i => ((i * 5) % 13 - 6.5) / 4).ToArray();

    /// <summary>The gradient at step <paramref name="t"/> (1-based): values in ±[0.125, 1.375], never 0, exact in float32.</summary>
    public static double[] Gradient(int t) => Enumerable.Range(0, Length).Select(i => ((i * 7 + t * 5) % 11 - 5.5) / 4).ToArray();

    /// <summary>A parameter holding <see cref="Theta0"/>.</summary>
    public static Parameter NewParameter() => new(Theta0().Select(x => (float)x).ToArray(), Length);

    /// <summary>Sets the gradient of step <paramref name="t"/> and steps.</summary>
    public static void StepWith(Optimizer optimizer, Parameter p, int t)
    {
        p.Grad = Tensor.FromValues(Gradient(t).Select(x => (float)x).ToArray(), Length);
        optimizer.Step();
    }

    /// <summary>Runs three steps and compares each with the reference trajectory <paramref name="expected"/> (θ₁, θ₂, θ₃).</summary>
    public static void AssertFirstThreeSteps(Func<Parameter, Optimizer> create, double[][] expected)
    {
        var p = NewParameter();
        var optimizer = create(p);
        for (var t = 1; t <= 3; t++)
        {
            StepWith(optimizer, p, t);
            AssertClose(expected[t - 1], p.Data, $"step {t}");
        }
    }

    /// <summary>Elementwise |expected − actual| ≤ <paramref name="tolerance"/>·max(1, |expected|).</summary>
    public static void AssertClose(double[] expected, ReadOnlySpan<float> actual, string where, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var error = System.Math.Abs(expected[i] - actual[i]);
            Assert.True(error <= tolerance * System.Math.Max(1, System.Math.Abs(expected[i])),
                $"{where}, element {i}: expected {expected[i]:R}, got {actual[i]:R} (error {error:E2})");
        }
    }

    /// <summary>The largest elementwise difference between two trajectories (to show a variant changes the result).</summary>
    public static double MaxDifference(double[][] a, double[][] b) =>
        a.Zip(b).SelectMany(s => s.First.Zip(s.Second, (x, y) => System.Math.Abs(x - y))).Max();
}
