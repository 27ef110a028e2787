using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim.SoNew;

public sealed class SoNewStepSpec
{
    private static readonly GraftingOptions NoGraft = new() { Kind = GraftingKind.None };

    private static Parameter Matrix(float[] values, int rows, int columns) => new(values, rows, columns);

    private static float[] Step(Optimizer optimizer, Parameter p, float[] gradient)
    {
        var before = p.Data.ToArray();
        p.Grad = Tensor.FromValues(gradient, p.ShapeArray());
        optimizer.Step();
        return p.Data.ToArray().Zip(before, (a, b) => a - b).ToArray();
    }

    [Fact]
    public void The_tridiagonal_direction_on_five_elements_is_the_hand_computed_one()
    {
        // β₁ = 0 (m̂ = g), β₂ = 0.5, no damping, no graft, lr = 1, so Δθ = −X·g with H bias-corrected by 1 − 0.5ᵗ.
        var p = Matrix(new float[5], 1, 5);
        var sonew = new ShampooActors.Math.Optim.SoNew([p], new SoNewOptions { Lr = 1, Beta1 = 0, Beta2 = 0.5, Epsilon = 0, Grafting = NoGraft });

        // Step 1, g = (1, 1, 1, 1, 1): H = band(g·gᵀ)·0.5/(1 − 0.5) has d = 1, e = 1, so every c_j = 1 − 1²/1 = 0 and
        // every edge is dropped: X = diag(1/d) = I and Δθ = −g.
        var step1 = Step(sonew, p, [1, 1, 1, 1, 1]);
        OptimFixture.AssertClose([-1, -1, -1, -1, -1], step1, "step 1");

        // Step 2, g = (1, −1, 1, −1, 1): raw d = 0.5·0.5 + 0.5·1 = 0.75, raw e = 0.5·0.5 + 0.5·(−1) = −0.25; divided by
        // 1 − 0.25 = 0.75: d = 1, e = −1/3. Then ψ_j = e/d = −1/3; c_j = 1 − (1/9) = 8/9 for j = 1..4, c₅ = 1.
        // z = U·m: z_j = m_j − ψ_j·m_{j+1} = m_j + m_{j+1}/3 = (2/3, −2/3, 2/3, −2/3), z₅ = 1.
        // w = z/c = (3/4, −3/4, 3/4, −3/4, 1).
        // u = Uᵀ·w: u₁ = w₁ = 3/4; u_j = w_j − ψ_{j−1}·w_{j−1} = w_j + w_{j−1}/3:
        //   u₂ = −3/4 + 1/4 = −1/2, u₃ = 3/4 − 1/4 = 1/2, u₄ = −1/2, u₅ = 1 − 1/4 = 3/4.
        var step2 = Step(sonew, p, [1, -1, 1, -1, 1]);
        OptimFixture.AssertClose([-0.75, 0.5, -0.5, 0.5, -0.75], step2, "step 2");
    }

    [Fact]
    public void Damping_adds_epsilon_times_the_largest_diagonal_entry()
    {
        // g = (1, 2, 0), β₁ = 0, β₂ = 0.5, ε = 0.5, no graft, lr = 1. Bias-corrected H: d = (1, 4, 0), e = (2, 0).
        // δ = 0.5·max d = 2 → d = (3, 6, 2). ψ₀ = 2/6 = 1/3, c₀ = 3 − 2·(1/3) = 7/3; ψ₁ = 0, c₁ = 6; c₂ = 2.
        // z = (1 − 2/3, 2, 0) = (1/3, 2, 0); w = (1/7, 1/3, 0); u = (1/7, 1/3 − (1/3)(1/7), 0) = (1/7, 2/7, 0).
        // (The row-sum norm max(1 + 2, 2 + 4, 0) = 6 would give δ = 3, d = (4, 7, 3), ψ₀ = 2/7, c₀ = 24/7, w₀ = (3/7)/(24/7) = 1/8 = u₀.)
        var p = Matrix(new float[3], 1, 3);
        var sonew = new ShampooActors.Math.Optim.SoNew([p], new SoNewOptions { Lr = 1, Beta1 = 0, Beta2 = 0.5, Epsilon = 0.5, Grafting = NoGraft });

        OptimFixture.AssertClose([-1.0 / 7, -2.0 / 7, 0], Step(sonew, p, [1, 2, 0]), "step 1");
    }

    [Theory]
    [InlineData(SoNewStructure.Tridiagonal, 1)]
    [InlineData(SoNewStructure.Banded, 2)]
    [InlineData(SoNewStructure.Banded, 3)]
    public void Bias_correction_makes_the_first_step_independent_of_the_decays(SoNewStructure structure, int band)
    {
        var gradient = new TestRandom(3).Floats(24, -1, 1);
        float[] First(double beta1, double beta2)
        {
            var p = Matrix(new float[24], 2, 12);
            var sonew = new ShampooActors.Math.Optim.SoNew([p], new SoNewOptions
            {
                Lr = 1, Structure = structure, Band = band, Beta1 = beta1, Beta2 = beta2, Epsilon = 0.1, Grafting = NoGraft,
            });
            return Step(sonew, p, gradient);
        }

        var expected = First(0, 0).Select(v => (double)v).ToArray();
        OptimFixture.AssertClose(expected, First(0.9, 0.99), "β = (0.9, 0.99)", 1e-5);
        OptimFixture.AssertClose(expected, First(0.5, 0.999), "β = (0.5, 0.999)", 1e-5);
    }

    [Theory]
    [InlineData(SoNewStructure.Tridiagonal, 1)]
    [InlineData(SoNewStructure.Banded, 2)]
    [InlineData(SoNewStructure.Banded, 3)]
    [InlineData(SoNewStructure.Banded, 4)]
    public void Steps_follow_a_float64_reference_built_from_the_clique_formula(SoNewStructure structure, int band)
    {
        // Damping ε = 0.1 keeps every window well conditioned from the rank-one first step on, so float32 and float64
        // agree to a few ulps of the O(1) direction per step; 1e-5 leaves room for three steps of ~20-term sums.
        const int n = 19;
        const double beta1 = 0.9, beta2 = 0.99, eps = 0.1;
        var rng = new TestRandom(11);
        var theta0 = rng.Floats(n, -1, 1);
        var p = Matrix(theta0, 1, n);
        var sonew = new ShampooActors.Math.Optim.SoNew([p], new SoNewOptions
        {
            Lr = 0.1, Structure = structure, Band = band, Beta1 = beta1, Beta2 = beta2, Epsilon = eps, Grafting = NoGraft, WeightDecay = 0.05,
        });

        var theta = theta0.Select(v => (double)v).ToArray();
        var m = new double[n];
        var h = new double[n * n];
        for (var t = 1; t <= 3; t++)
        {
            var g = rng.Floats(n, -1, 1);
            p.Grad = Tensor.FromValues(g, 1, n);
            sonew.Step();

            for (var i = 0; i < n; i++)
            {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                for (var j = 0; j < n; j++)
                    h[i * n + j] = System.Math.Abs(i - j) <= band ? beta2 * h[i * n + j] + (1 - beta2) * g[i] * g[j] : 0;
            }
            var corrected = h.Select(v => v / (1 - System.Math.Pow(beta2, t))).ToArray();
            var damping = eps * Enumerable.Range(0, n).Max(i => corrected[i * n + i]);
            for (var i = 0; i < n; i++)
                corrected[i * n + i] += damping;
            var mHat = m.Select(v => v / (1 - System.Math.Pow(beta1, t))).ToArray();
            var u = SoNewReference.Multiply(SoNewReference.CliqueInverse(corrected, n, band), mHat, n);
            for (var i = 0; i < n; i++)
                theta[i] = theta[i] * (1 - 0.1 * 0.05) - 0.1 * u[i];
            OptimFixture.AssertClose(theta, p.Data, $"step {t}", 1e-5);
        }
    }

    [Fact]
    public void Banded_with_band_1_is_the_tridiagonal_method_bit_for_bit()
    {
        var rng = new TestRandom(5);
        var theta0 = rng.Floats(7 * 13, -1, 1);
        var gradients = Enumerable.Range(0, 5).Select(_ => rng.Floats(7 * 13, -1, 1)).ToArray();
        float[] Run(SoNewStructure structure)
        {
            var p = Matrix(theta0, 7, 13);
            var sonew = new ShampooActors.Math.Optim.SoNew([p], new SoNewOptions { Structure = structure, Band = 1 });
            foreach (var g in gradients)
                Step(sonew, p, g);
            return p.Data.ToArray();
        }

        Assert.Equal(Run(SoNewStructure.Tridiagonal), Run(SoNewStructure.Banded));
    }

    [Theory]
    [InlineData(SoNewStructure.Tridiagonal, 1)]
    [InlineData(SoNewStructure.Banded, 3)]
    public void Grafting_gives_the_first_step_the_norm_of_Adams_step(SoNewStructure structure, int band)
    {
        var gradient = new TestRandom(9).Floats(4 * 9, -1, 1);
        var p = Matrix(new float[36], 4, 9);
        var sonew = new ShampooActors.Math.Optim.SoNew([p], new SoNewOptions { Lr = 0.01, Structure = structure, Band = band });
        var q = Matrix(new float[36], 4, 9);
        var adam = new Adam([q], new AdamOptions { Lr = 0.01, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-10 });

        var norm = Norm(Step(sonew, p, gradient));
        var adamNorm = Norm(Step(adam, q, gradient));

        Assert.True(System.Math.Abs(norm - adamNorm) <= 1e-5 * adamNorm, $"SONew ‖Δθ‖ = {norm:R}, Adam ‖Δθ‖ = {adamNorm:R}");
    }

    [Fact]
    public void A_zero_gradient_gives_a_zero_step_instead_of_a_division_by_zero()
    {
        var p = Matrix([1, -2, 3, -4], 2, 2);
        var sonew = new ShampooActors.Math.Optim.SoNew([p]);

        Assert.Equal(new float[4], Step(sonew, p, new float[4]));
    }

    [Fact]
    public void Adam_for_vectors_gives_a_bias_exactly_the_update_of_AdamW_with_the_graft_hyperparameters()
    {
        var rng = new TestRandom(13);
        var theta0 = rng.Floats(11, -1, 1);
        var gradients = Enumerable.Range(0, 3).Select(_ => rng.Floats(11, -1, 1)).ToArray();
        var a = new Parameter(theta0, 11);
        var sonew = new ShampooActors.Math.Optim.SoNew([a], new SoNewOptions
        {
            Lr = 0.01, WeightDecay = 0.1, Grafting = new GraftingOptions { Kind = GraftingKind.Adam, Beta1 = 0.8, Beta2 = 0.95, Epsilon = 1e-6 },
        });
        var b = new Parameter(theta0, 11);
        var adamw = new AdamW([b], new AdamWOptions { Lr = 0.01, WeightDecay = 0.1, Beta1 = 0.8, Beta2 = 0.95, Eps = 1e-6 });

        foreach (var g in gradients)
        {
            Step(sonew, a, g);
            Step(adamw, b, g);
            Assert.Equal(b.Data.ToArray(), a.Data.ToArray());
        }
        Assert.Equal(["exp_avg", "exp_avg_sq"], sonew.GetState(a)!.BufferNames);
    }

    [Fact]
    public void Without_adam_for_vectors_a_bias_gets_the_SONew_state()
    {
        var a = new Parameter(new float[6], 6);
        var sonew = new ShampooActors.Math.Optim.SoNew([a], new SoNewOptions { AdamForVectors = false, Structure = SoNewStructure.Banded, Band = 2 });
        Step(sonew, a, [1, 2, 3, 4, 5, 6]);

        Assert.Equal(["exp_avg", "band_diag", "band_off_1", "band_off_2", "graft_exp_avg_sq"], sonew.GetState(a)!.BufferNames);
    }

    [Fact]
    public void Weight_decay_is_decoupled_and_scaled_by_the_learning_rate()
    {
        var rng = new TestRandom(17);
        var theta0 = rng.Floats(30, -2, 2);
        var gradient = rng.Floats(30, -1, 1);
        float[] After(double decay)
        {
            var p = Matrix(theta0, 3, 10);
            Step(new ShampooActors.Math.Optim.SoNew([p], new SoNewOptions { Lr = 0.5, WeightDecay = decay }), p, gradient);
            return p.Data.ToArray();
        }

        var plain = After(0);
        var decayed = After(0.1);
        // θ·(1 − lr·λ) − lr·u versus θ − lr·u: they differ by lr·λ·θ = 0.05·θ.
        OptimFixture.AssertClose(plain.Select((v, i) => (double)v - 0.05 * theta0[i]).ToArray(), decayed, "decayed");
    }

    private static double Norm(float[] values) => System.Math.Sqrt(values.Sum(v => (double)v * v));
}
