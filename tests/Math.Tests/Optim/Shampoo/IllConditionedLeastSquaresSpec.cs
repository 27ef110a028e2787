using ShampooActors.Math.Linalg;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>
/// Least squares min_W mean((X·W − Y)²) with rotated, ill-conditioned features: X = Z·diag(s)·Qᵀ, s log-spaced from 1 to
/// 1e-2 (Hessian condition 1e4) and Q a random rotation, so no per-coordinate method can undo the conditioning while
/// Shampoo's Kronecker factor on the input side can. Y = X·W* exactly, so the optimum loss is 0.
/// </summary>
public sealed class IllConditionedLeastSquaresSpec
{
    private const int Features = 20, Outputs = 5, Samples = 200, MaxSteps = 3000;

    [Fact]
    public void Shampoo_reaches_the_loss_target_in_at_least_five_times_fewer_steps_than_tuned_Adam()
    {
        var (x, y) = Problem();
        var target = 1e-6 * Loss(new Parameter(Features, Outputs), x, y);

        var adam = new[] { 0.01, 0.03, 0.1, 0.3, 1, 3 }
            .Select(lr => StepsToTarget(w => new Adam([w], new AdamOptions { Lr = lr }), x, y, target)).Min();
        var shampoo = new[] { 0.1, 0.3, 1 }
            .Select(lr => StepsToTarget(w => new Shampoo([w], new ShampooOptions { Lr = lr, PreconditionEvery = 1, StartPreconditioningStep = 1 }), x, y, target)).Min();

        Assert.True(adam < MaxSteps, $"tuned Adam did not reach the target in {MaxSteps} steps");
        Assert.True(5 * shampoo <= adam, $"Shampoo needed {shampoo} steps, tuned Adam {adam}");
    }

    private static int StepsToTarget(Func<Parameter, Optimizer> create, Tensor x, Tensor y, double target)
    {
        var w = new Parameter(Features, Outputs);
        var optimizer = create(w);
        for (var t = 1; t <= MaxSteps; t++)
        {
            optimizer.ZeroGrad();
            using (new GradientTape())
                Ops.MseLoss(Ops.MatMul(x, w), y).Backward();
            optimizer.Step();
            if (Loss(w, x, y) < target)
                return t;
        }
        return int.MaxValue;
    }

    private static double Loss(Parameter w, Tensor x, Tensor y)
    {
        using var scope = GradientTape.NoGrad();
        return Ops.MseLoss(Ops.MatMul(x, w), y).Item();
    }

    private static (Tensor X, Tensor Y) Problem()
    {
        var random = new Random(7);
        double Gauss() => System.Math.Sqrt(-2 * System.Math.Log(1 - random.NextDouble())) * System.Math.Cos(2 * System.Math.PI * random.NextDouble());
        // Q: Gram–Schmidt on a Gaussian matrix.
        var q = new double[Features, Features];
        for (var i = 0; i < Features; i++)
            for (var j = 0; j < Features; j++)
                q[i, j] = Gauss();
        for (var j = 0; j < Features; j++)
        {
            for (var k = 0; k < j; k++)
            {
                double dot = 0;
                for (var i = 0; i < Features; i++)
                    dot += q[i, j] * q[i, k];
                for (var i = 0; i < Features; i++)
                    q[i, j] -= dot * q[i, k];
            }
            double norm = 0;
            for (var i = 0; i < Features; i++)
                norm += q[i, j] * q[i, j];
            for (var i = 0; i < Features; i++)
                q[i, j] /= System.Math.Sqrt(norm);
        }
        var x = new float[Samples * Features];
        for (var r = 0; r < Samples; r++)
        {
            var z = new double[Features];
            for (var k = 0; k < Features; k++)
                z[k] = Gauss() * System.Math.Pow(1e-2, k / (double)(Features - 1));
            for (var c = 0; c < Features; c++)
            {
                double s = 0;
                for (var k = 0; k < Features; k++)
                    s += z[k] * q[c, k];
                x[r * Features + c] = (float)s;
            }
        }
        var wStar = new float[Features * Outputs];
        for (var i = 0; i < wStar.Length; i++)
            wStar[i] = (float)Gauss();
        var y = new float[Samples * Outputs];
        Blas.Sgemm(false, false, Samples, Outputs, Features, 1f, x, Features, wStar, Outputs, 0f, y, Outputs);
        return (Tensor.FromValues(x, Samples, Features), Tensor.FromValues(y, Samples, Outputs));
    }
}
