using ShampooActors.Math.Linalg;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>Single Shampoo steps against hand computations and closed forms.</summary>
public sealed class ShampooStepSpec
{
    /// <summary>
    /// Roots at the first step, used at once; plain SGD magnitude; no momentum; a ridge too small to matter; no merging
    /// (a 2×2 parameter would otherwise become one 4-vector).
    /// </summary>
    private static readonly ShampooOptions FirstStep = new()
    {
        Blocking = new BlockingOptions { MergeDimsThreshold = 1 },
        Lr = 0.1,
        StartPreconditioningStep = 1,
        PreconditionEvery = 1,
        Grafting = new GraftingOptions { Kind = GraftingKind.Sgd },
        Momentum = new MomentumOptions { Beta1 = 0 },
        Roots = new RootOptions { Ridge = 1e-12, RidgeKind = RidgeKind.Absolute },
    };

    [Fact]
    public void First_step_on_a_diagonal_gradient_moves_along_its_signs_with_the_gradient_norm()
    {
        // G = diag(3, −2): L = R = diag(9, 4), so L^(−1/4)·G·R^(−1/4) = diag(3/3, −2/2) = diag(1, −1); the SGD graft
        // rescales it to ‖G‖ = √13, i.e. by √13/√2.
        var p = new Parameter([1f, 2f, 3f, 4f], 2, 2);
        p.Grad = Tensor.FromValues([3f, 0f, 0f, -2f], 2, 2);
        new Shampoo([p], FirstStep).Step();
        var s = 0.1 * System.Math.Sqrt(13) / System.Math.Sqrt(2);
        OptimFixture.AssertClose([1 - s, 2, 3, 4 + s], p.Data, "first step", 1e-6);
    }

    [Fact]
    public void First_step_direction_is_the_polar_factor_of_the_gradient()
    {
        // G = Q·diag(σ)·Vᵀ gives L^(−1/4)·G·R^(−1/4) = Q·diag(σ^(−1/2)·σ·σ^(−1/2))·Vᵀ = Q·Vᵀ.
        var q = Rotation(System.Math.PI / 6);
        var v = Rotation(-System.Math.PI / 4);
        var sigma = new[] { 2.0, 0.5 };
        var g = new double[4];
        var polar = new double[4];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                for (var k = 0; k < 2; k++)
                {
                    g[i * 2 + j] += q[i * 2 + k] * sigma[k] * v[j * 2 + k];
                    polar[i * 2 + j] += q[i * 2 + k] * v[j * 2 + k];
                }
            }
        }
        var p = new Parameter(new float[4], 2, 2);
        p.Grad = Tensor.FromValues(g.Select(x => (float)x).ToArray(), 2, 2);
        new Shampoo([p], FirstStep).Step();
        var scale = -0.1 * System.Math.Sqrt(sigma[0] * sigma[0] + sigma[1] * sigma[1]) / System.Math.Sqrt(2);
        // float32 gradient (relative 6e-8) through fourth roots of its Grams: a few 1e-7.
        OptimFixture.AssertClose(polar.Select(x => scale * x).ToArray(), p.Data, "first step", 2e-6);
    }

    [Fact]
    public void First_step_on_a_three_dim_parameter_multiplies_every_mode_by_its_root()
    {
        var shape = new[] { 4, 3, 5 };
        var random = new TestRandom(5);
        var g = random.Doubles(60, -1, 1).Select(x => (double)(float)x).ToArray();
        var p = new Parameter(new float[60], shape);
        p.Grad = Tensor.FromValues(g.Select(x => (float)x).ToArray(), shape);
        // Threshold 1 keeps the dims apart; block size 3 cuts dims 0 and 2, so some blocks are gathered from strided runs.
        var options = FirstStep with
        {
            Blocking = new BlockingOptions { BlockSize = 3, MergeDimsThreshold = 1 },
            Roots = new RootOptions { Ridge = 1e-3, RidgeKind = RidgeKind.Absolute },
        };
        new Shampoo([p], options).Step();

        var direction = new double[60];
        foreach (var block in ParameterBlocking.For(shape, options.Blocking).Blocks)
            PreconditionBlock(g, shape, block, direction, 1e-3, 6);
        var scale = -0.1 * Norm(g) / Norm(direction);
        // Roots of Grams of up to 3×3 blocks with a 1e-3 ridge: condition ≲ 1e4, so float32 Grams cost ≲ 1e-5 relative.
        OptimFixture.AssertClose(direction.Select(x => scale * x).ToArray(), p.Data, "first step", 2e-5);
    }

    /// <summary>P_b = G_b ×₀ X₀ ×₁ X₁ ×₂ X₂ with X_i = (G_b⁽ⁱ⁾G_b⁽ⁱ⁾ᵀ + εI)^(−1/p), by explicit index loops.</summary>
    private static void PreconditionBlock(double[] g, int[] shape, BlockGeometry block, double[] direction, double ridge, int p)
    {
        var e = block.Extent;
        double G(int i, int j, int k) => g[((block.Offset[0] + i) * shape[1] + block.Offset[1] + j) * shape[2] + block.Offset[2] + k];
        var roots = new double[3][];
        for (var mode = 0; mode < 3; mode++)
        {
            var n = e[mode];
            var gram = new double[n * n];
            for (var i = 0; i < e[0]; i++)
                for (var j = 0; j < e[1]; j++)
                    for (var k = 0; k < e[2]; k++)
                    {
                        int[] idx = [i, j, k];
                        for (var other = 0; other < n; other++)
                        {
                            var jdx = (int[])idx.Clone();
                            jdx[mode] = other;
                            gram[idx[mode] * n + other] += G(i, j, k) * G(jdx[0], jdx[1], jdx[2]);
                        }
                    }
            roots[mode] = JacobiEigen.Apply(gram, n, l => System.Math.Pow(System.Math.Max(l + ridge, ridge), -1.0 / p));
        }
        for (var i = 0; i < e[0]; i++)
            for (var j = 0; j < e[1]; j++)
                for (var k = 0; k < e[2]; k++)
                {
                    double s = 0;
                    for (var a = 0; a < e[0]; a++)
                        for (var b = 0; b < e[1]; b++)
                            for (var c = 0; c < e[2]; c++)
                                s += roots[0][i * e[0] + a] * roots[1][j * e[1] + b] * roots[2][k * e[2] + c] * G(a, b, c);
                    direction[((block.Offset[0] + i) * shape[1] + block.Offset[1] + j) * shape[2] + block.Offset[2] + k] = s;
                }
    }

    private static double[] Rotation(double angle) => [System.Math.Cos(angle), -System.Math.Sin(angle), System.Math.Sin(angle), System.Math.Cos(angle)];

    private static double Norm(double[] x) => System.Math.Sqrt(x.Sum(v => v * v));
}
