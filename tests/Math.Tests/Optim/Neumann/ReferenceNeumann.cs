namespace ShampooActors.Math.Tests.Optim;

/// <summary>
/// ALGORITHMS.md §3 transcribed in float64 from the equations, for whole-trajectory comparisons: w (displaced), m and v
/// for several parameters; warm-up SGD with v following; resets when a period of K, 2K, 4K … epochs begins; otherwise the
/// regularized iteration with the global ρ. Its schedules are written out here, not taken from the optimizer.
/// </summary>
internal sealed class ReferenceNeumann
{
    private readonly double _lr, _alpha, _beta, _gamma, _muMin, _muMax, _guard;
    private readonly int _epochSteps, _warmupSteps;
    private readonly SortedSet<int> _resetSteps = [];

    public ReferenceNeumann(double[][] w0, double lr, double alpha, double betaPerScalar, double gamma, double muMin, double muMax,
        int epochSteps, int warmupEpochs, int resetEpochs, double guard = 1e-12, int horizon = 10_000)
    {
        W = w0.Select(w => (double[])w.Clone()).ToArray();
        M = w0.Select(w => new double[w.Length]).ToArray();
        V = w0.Select(w => (double[])w.Clone()).ToArray();
        (_lr, _alpha, _gamma, _muMin, _muMax, _guard) = (lr, alpha, gamma, muMin, muMax, guard);
        _beta = betaPerScalar * w0.Sum(w => w.Length);
        _epochSteps = epochSteps;
        _warmupSteps = warmupEpochs * epochSteps;
        // The first Neumann step resets; each later reset comes one period after the one before, the period doubling.
        var step = _warmupSteps + 1;
        for (var period = resetEpochs * epochSteps; step <= horizon; period *= 2)
        {
            _resetSteps.Add(step);
            step += period;
        }
    }

    public double[][] W { get; }
    public double[][] M { get; }
    public double[][] V { get; }

    /// <summary>How many steps were taken.</summary>
    public int T { get; private set; }

    /// <summary>μ at step <paramref name="t"/>: 1 − 1/(1 + epochs of Neumann steps before it), clamped.</summary>
    public double Mu(int t) => System.Math.Clamp(1 - 1 / (1 + (t - _warmupSteps - 1) / (double)_epochSteps), _muMin, _muMax);

    /// <summary>The model's weights w − μm after the last step.</summary>
    public double[][] Evaluated() => T <= _warmupSteps ? W : W.Select((w, j) => w.Select((x, i) => x - Mu(T) * M[j][i]).ToArray()).ToArray();

    public void Step(double[][] g)
    {
        var t = ++T;
        if (t <= _warmupSteps)
        {
            for (var j = 0; j < W.Length; j++)
            {
                for (var i = 0; i < W[j].Length; i++)
                {
                    W[j][i] -= _lr * g[j][i];
                    V[j][i] = W[j][i] + _gamma * (V[j][i] - W[j][i]);
                }
            }
            return;
        }
        if (_resetSteps.Contains(t))
        {
            for (var j = 0; j < W.Length; j++)
            {
                for (var i = 0; i < W[j].Length; i++)
                    M[j][i] = -_lr * g[j][i];
            }
            return;
        }
        var rho = System.Math.Sqrt(W.Select((w, j) => w.Select((x, i) => (x - V[j][i]) * (x - V[j][i])).Sum()).Sum());
        var mu = Mu(t);
        for (var j = 0; j < W.Length; j++)
        {
            for (var i = 0; i < W[j].Length; i++)
            {
                var d = g[j][i];
                if (rho >= _guard)
                    d += (_alpha * rho * rho - _beta / (rho * rho)) * (W[j][i] - V[j][i]) / rho;
                M[j][i] = mu * M[j][i] - _lr * d;
                W[j][i] = W[j][i] + mu * M[j][i] - _lr * d;
                V[j][i] = W[j][i] + _gamma * (V[j][i] - W[j][i]);
            }
        }
    }
}
