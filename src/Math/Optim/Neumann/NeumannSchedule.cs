namespace ShampooActors.Math.Optim;

/// <summary>What one step of <see cref="Neumann"/> does to a parameter.</summary>
internal enum NeumannPhase
{
    /// <summary>Plain SGD; the moving average follows the weights.</summary>
    Warmup,

    /// <summary>The first step of a reset period: m = −ηg, weights and average untouched.</summary>
    Reset,

    /// <summary>The regularized Neumann iteration.</summary>
    Iterate,
}

/// <summary>
/// The schedules of <see cref="Neumann"/> as functions of a parameter's step count, so the step count saved in a state
/// dictionary is the whole schedule position: warm-up, reset periods of K, 2K, 4K … and the momentum μ.
/// </summary>
internal static class NeumannSchedule
{
    /// <summary>The phase of step <paramref name="step"/> (1-based, counting warm-up steps) under <paramref name="options"/>.</summary>
    public static NeumannPhase PhaseOf(long step, NeumannOptions options)
    {
        var n = step - options.WarmupSteps;
        if (n <= 0)
            return NeumannPhase.Warmup;
        return IsReset(n, options.ResetSteps) ? NeumannPhase.Reset : NeumannPhase.Iterate;
    }

    /// <summary>
    /// Whether Neumann step <paramref name="n"/> (1-based) starts a reset period: periods begin at n = 1, 1 + K, 1 + 3K,
    /// 1 + 7K …, each period twice as long as the one before.
    /// </summary>
    public static bool IsReset(long n, long firstPeriod)
    {
        long start = 1;
        var period = firstPeriod;
        while (start < n)
        {
            if (period > n - start)
                return false;
            start += period;
            period *= 2;
        }
        return start == n;
    }

    /// <summary>
    /// The momentum of Neumann step <paramref name="n"/> (1-based): 1 − 1/(1 + t) clamped to [MuMin, MuMax], with t the
    /// epochs of Neumann steps before this one, (n − 1) / EpochSteps, so μ starts at MuMin right after the warm-up.
    /// </summary>
    public static double Mu(long n, NeumannOptions options)
    {
        var t = (double)(n - 1) / options.EpochSteps;
        return System.Math.Clamp(1 - 1 / (1 + t), options.MuMin, options.MuMax);
    }
}
