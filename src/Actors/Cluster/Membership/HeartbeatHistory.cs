namespace ShampooActors.Actors.Cluster.Membership;

/// <summary>The last heartbeat intervals (at most a maximum count, oldest dropped first) with their running mean and standard deviation, in milliseconds.</summary>
internal sealed class HeartbeatHistory(int maxSampleSize)
{
    private readonly Queue<double> _intervals = new();
    private double _sum;
    private double _squaredSum;

    /// <summary>How many intervals it holds.</summary>
    public int Count => _intervals.Count;

    /// <summary>The mean interval.</summary>
    public double Mean => _sum / _intervals.Count;

    /// <summary>The population standard deviation of the intervals (E[x²] − E[x]², clamped at 0 against rounding).</summary>
    public double StdDeviation
    {
        get
        {
            var mean = Mean;
            return System.Math.Sqrt(System.Math.Max(0, _squaredSum / _intervals.Count - mean * mean));
        }
    }

    /// <summary>Appends an interval, dropping the oldest when full.</summary>
    public void Add(double milliseconds)
    {
        if (_intervals.Count == maxSampleSize)
        {
            var oldest = _intervals.Dequeue();
            _sum -= oldest;
            _squaredSum -= oldest * oldest;
        }
        _intervals.Enqueue(milliseconds);
        _sum += milliseconds;
        _squaredSum += milliseconds * milliseconds;
    }
}
