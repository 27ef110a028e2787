using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>The regularizer term of d = g + (αρ² − β/ρ²)(w − v)/ρ, on a constructed state with ρ known by hand.</summary>
public sealed class NeumannRegularizerSpec
{
    // Two parameters of 3 and 2 scalars with r = w − v = (1, 0, 2 | 2, 0): the global ρ = √9 = 3, while the per-parameter
    // norms would be √5 and 2. Every value is exact in float32.
    private static readonly float[][] W = [[1f, 0.5f, -1f], [0.25f, 2f]];
    private static readonly float[][] R = [[1f, 0f, 2f], [2f, 0f]];

    /// <summary>
    /// Runs one regularized step from the constructed state with g = 0 and m = 0, η = 1, and returns −m afterwards, which
    /// is then d = the regularizer gradient alone, and the movement of w. <paramref name="scale"/> scales r (ρ = 3·scale).
    /// </summary>
    private static (double[] D, double[] Moved) RegularizerStep(double alpha, double betaPerScalar, float scale = 1)
    {
        var w = W.Select(x => x.ToArray()).ToArray();
        var v = W.Select((x, j) => x.Select((wi, i) => wi - scale * R[j][i]).ToArray()).ToArray();
        var a = new Parameter(w[0], 3);
        var b = new Parameter(w[1], 2);
        // No warm-up and a long first period: step 1 is the reset, so a state at step 1 makes the next step regularized.
        var neumann = new Neumann([a, b], new NeumannOptions
        {
            Lr = 1,
            Alpha = alpha,
            BetaPerScalar = betaPerScalar,
            EpochSteps = 1,
            WarmupEpochs = 0,
            ResetEpochs = 100,
        });
        NeumannFixture.LoadState(neumann, 1, [new float[3], new float[2]], v);
        a.Grad = Tensor.Zeros(3);
        b.Grad = Tensor.Zeros(2);
        neumann.Step();

        var m = new[] { a, b }.SelectMany(p => neumann.GetState(p)!.Buffer("momentum").ToArray());
        var after = new[] { a, b }.SelectMany(p => p.ToArray());
        var before = w.SelectMany(x => x);
        return (m.Select(x => -(double)x).ToArray(), after.Zip(before, (x, y) => (double)x - y).ToArray());
    }

    private static double[] FlatR(double scale = 1) => R.SelectMany(x => x).Select(x => scale * x).ToArray();

    /// <summary>R(w) = α/3·ρ³ + β/ρ with ρ = ‖w − v‖, in float64.</summary>
    private static double Regularizer(double[] r, double alpha, double beta)
    {
        var rho = System.Math.Sqrt(r.Sum(x => x * x));
        return alpha / 3 * rho * rho * rho + beta / rho;
    }

    [Fact]
    public void The_regularizer_gradient_uses_the_global_distance_and_matches_the_hand_computation()
    {
        // α = 0.01, β = 0.1 × 5 scalars = 0.5, ρ = 3: αρ² − β/ρ² = 0.09 − 1/18 = 31/900, and d = (31/900)·r/3 = (31/2700)·r.
        var (d, _) = RegularizerStep(alpha: 0.01, betaPerScalar: 0.1);

        // float32 rounds the coefficient, 1/ρ and r/ρ once each: a few ulps of values near 0.02 (ulp ≈ 1.9e-9).
        OptimFixture.AssertClose(FlatR().Select(x => 31.0 / 2700 * x).ToArray(), d.Select(x => (float)x).ToArray(), "d", 2e-8);
    }

    [Fact]
    public void The_hand_formula_is_the_gradient_of_the_cubic_plus_repulsive_regularizer()
    {
        const double alpha = 0.01, beta = 0.5, h = 1e-5;
        var r = FlatR();
        var rho = 3.0;
        for (var i = 0; i < r.Length; i++)
        {
            var plus = (double[])r.Clone();
            var minus = (double[])r.Clone();
            plus[i] += h;
            minus[i] -= h;
            var central = (Regularizer(plus, alpha, beta) - Regularizer(minus, alpha, beta)) / (2 * h);
            var formula = (alpha * rho * rho - beta / (rho * rho)) * r[i] / rho;
            // The central difference errs by O(h²·R''') ≈ 1e-11 and by rounding eps·R/h ≈ 2e-12.
            Assert.True(System.Math.Abs(central - formula) < 1e-9, $"coordinate {i}: difference {central:R}, formula {formula:R}");
        }
    }

    [Fact]
    public void At_the_balance_radius_the_term_vanishes()
    {
        // α = 0.01, β = 0.162 × 5 = 0.81: ρ* = (β/α)^(1/4) = 81^(1/4) = 3, the constructed ρ.
        Assert.Equal(3, System.Math.Pow(0.81 / 0.01, 0.25), 12);
        var (d, moved) = RegularizerStep(alpha: 0.01, betaPerScalar: 0.162);

        Assert.All(d, x => Assert.True(System.Math.Abs(x) < 1e-12, $"d = {x:R}"));
        Assert.All(moved, x => Assert.True(System.Math.Abs(x) < 1e-12, $"moved {x:R}"));
    }

    [Fact]
    public void Inside_the_balance_radius_the_weights_are_pushed_away_from_their_average()
    {
        var (_, moved) = RegularizerStep(alpha: 0.01, betaPerScalar: 0.162, scale: 0.5f);
        var r = FlatR(0.5);

        Assert.True(Dot(moved, r) > 0, $"movement·(w − v) = {Dot(moved, r):R}");
        AssertParallel(moved, r);
    }

    [Fact]
    public void Outside_the_balance_radius_the_weights_are_pulled_towards_their_average()
    {
        var (_, moved) = RegularizerStep(alpha: 0.01, betaPerScalar: 0.162, scale: 2);
        var r = FlatR(2);

        Assert.True(Dot(moved, r) < 0, $"movement·(w − v) = {Dot(moved, r):R}");
        AssertParallel(moved, r);
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    /// <summary>With g = 0 the only force is along r: the movement is a multiple of it (to float32 rounding).</summary>
    private static void AssertParallel(double[] moved, double[] r)
    {
        var cosine = Dot(moved, r) / System.Math.Sqrt(Dot(moved, moved) * Dot(r, r));
        Assert.True(System.Math.Abs(System.Math.Abs(cosine) - 1) < 1e-6, $"cosine {cosine:R}");
    }
}
