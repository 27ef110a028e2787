namespace ShampooActors.Actors.Tests.Cluster.Membership;

/// <summary>
/// What φ should be, from the heartbeat intervals the test knows the detector must hold: their population mean and
/// standard deviation, the acceptable pause and the minimum deviation applied as Akka does, and the exact normal tail.
/// </summary>
internal sealed record PhiModel(IReadOnlyList<double> IntervalsMs, double PauseMs = 3000, double MinDeviationMs = 100)
{
    public double Mean => IntervalsMs.Average() + PauseMs;

    public double Deviation
    {
        get
        {
            var mean = IntervalsMs.Average();
            return System.Math.Max(System.Math.Sqrt(IntervalsMs.Sum(x => (x - mean) * (x - mean)) / IntervalsMs.Count), MinDeviationMs);
        }
    }

    /// <summary>1 − F(elapsed): the probability that a heartbeat comes later still.</summary>
    public double Tail(double elapsedMs) => NormalTail.Q((elapsedMs - Mean) / Deviation);

    /// <summary>The elapsed time at which the exact φ reaches <paramref name="threshold"/>, by bisection.</summary>
    public double Crossing(double threshold)
    {
        var (low, high) = (Mean, Mean + 40 * Deviation);
        while (high - low > 1e-6)
        {
            var middle = (low + high) / 2;
            if (NormalTail.Phi(middle, Mean, Deviation) < threshold)
                low = middle;
            else
                high = middle;
        }
        return low;
    }
}
