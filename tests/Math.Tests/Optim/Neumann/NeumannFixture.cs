using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>Two small parameters, their gradients, and a way to put chosen w, m and v into a Neumann optimizer.</summary>
internal static class NeumannFixture
{
    /// <summary>Small schedules (2-step epochs, 1 warm-up epoch, first reset period 2 epochs) and a regularizer that shows.</summary>
    public static readonly NeumannOptions Small = new()
    {
        Lr = 0.05,
        Alpha = 0.02,
        BetaPerScalar = 1e-3,
        EpochSteps = 2,
        WarmupEpochs = 1,
        ResetEpochs = 2,
    };

    /// <summary>A 19-element parameter (vector lanes and a tail) and a 5-element one, O(1) values.</summary>
    public static (Parameter A, Parameter B) Parameters() =>
        (new Parameter(OptimFixture.Theta0().Select(x => (float)x).ToArray(), OptimFixture.Length),
         new Parameter(Enumerable.Range(0, 5).Select(i => MathF.Cos(i + 1f)).ToArray(), 1, 5));

    /// <summary>The gradients of step <paramref name="t"/> (1-based), never zero, exact in float32.</summary>
    public static float[][] Gradients(int t) =>
    [
        OptimFixture.Gradient(t).Select(x => (float)x).ToArray(),
        Enumerable.Range(0, 5).Select(i => (float)(((i * 3 + t * 7) % 9 - 4.5) / 8)).ToArray(),
    ];

    /// <summary>The same gradients in float64, for the reference.</summary>
    public static double[][] GradientsInDouble(int t) => Gradients(t).Select(g => g.Select(x => (double)x).ToArray()).ToArray();

    /// <summary>Sets the gradients of step <paramref name="t"/> and steps.</summary>
    public static void StepWith(Optimizer optimizer, Parameter a, Parameter b, int t)
    {
        var g = Gradients(t);
        a.Grad = Tensor.FromValues(g[0], a.ShapeArray());
        b.Grad = Tensor.FromValues(g[1], b.ShapeArray());
        optimizer.Step();
    }

    /// <summary>
    /// Loads a state in which every parameter has taken <paramref name="step"/> steps with the given m and v (the
    /// parameters themselves hold w), through the public state dictionary.
    /// </summary>
    public static void LoadState(Neumann optimizer, long step, float[][] m, float[][] v)
    {
        var saved = optimizer.StateDict();
        var parameters = optimizer.ParamGroups.SelectMany(g => g.Parameters).ToArray();
        var state = new Dictionary<int, ParameterStateDict>();
        for (var j = 0; j < parameters.Length; j++)
        {
            var shape = parameters[j].ShapeArray();
            state[j] = new ParameterStateDict(step, new Dictionary<string, Tensor>
            {
                ["momentum"] = Tensor.FromValues(m[j], shape),
                ["moving_average"] = Tensor.FromValues(v[j], shape),
            });
        }
        optimizer.LoadStateDict(saved with { State = state });
    }

    public static double[] Doubles(ReadOnlySpan<float> values) => values.ToArray().Select(x => (double)x).ToArray();

    public static uint[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToUInt32Bits).ToArray();
}
