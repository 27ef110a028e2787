namespace ShampooActors.Actors.Cluster.Membership;

/// <summary>
/// Hayashibara et al.'s φ accrual failure detector with Akka's semantics: φ = −log10(1 − F(Δt)), Δt the time since the
/// last heartbeat and F the normal CDF (Akka's logistic approximation of it) of mean μ + acceptable pause and standard
/// deviation max(σ, min-std-deviation), μ and σ those of the last heartbeat intervals. Time is whatever the caller's clock
/// says (the actor scheduler's, so virtual time works); nothing here reads a clock. Not thread-safe: one actor owns it.
/// </summary>
public sealed class PhiAccrualFailureDetector
{
    private readonly FailureDetectorOptions _options;
    private HeartbeatHistory _history;
    private TimeSpan? _last;

    /// <summary>A detector of one node that has sent no heartbeat yet; throws <see cref="ShampooActors.Math.Optim.InvalidOptionsException"/> for invalid options.</summary>
    public PhiAccrualFailureDetector(FailureDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _history = FirstHeartbeat();
    }

    /// <summary>Whether a heartbeat has been recorded (before that the node counts as available, φ = 0).</summary>
    public bool IsMonitoring => _last.HasValue;

    /// <summary>
    /// Records a heartbeat at <paramref name="now"/>. The interval since the previous one joins the history only if the node
    /// was still available at <paramref name="now"/> (Akka: the first heartbeat after a failure would skew the statistics).
    /// Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="now"/> is before the previous heartbeat.
    /// </summary>
    public void Heartbeat(TimeSpan now)
    {
        if (_last is { } last)
        {
            if (now < last)
                throw new ArgumentOutOfRangeException(nameof(now), now, $"the heartbeat at {now} is before the previous one at {last}; time must not go back");
            if (IsAvailable(now))
                _history.Add((now - last).TotalMilliseconds);
        }
        else
        {
            _history = FirstHeartbeat();
        }
        _last = now;
    }

    /// <summary>The suspicion level at <paramref name="now"/>: 0 before the first heartbeat, growing with the time since the last one (+∞ when far beyond).</summary>
    public double Phi(TimeSpan now)
    {
        if (_last is not { } last)
            return 0;
        var mean = _history.Mean + _options.AcceptableHeartbeatPause.TotalMilliseconds;
        var deviation = System.Math.Max(_history.StdDeviation, _options.MinStdDeviation.TotalMilliseconds);
        return Phi((now - last).TotalMilliseconds, mean, deviation);
    }

    /// <summary>Whether φ at <paramref name="now"/> is below the threshold.</summary>
    public bool IsAvailable(TimeSpan now) => Phi(now) < _options.Threshold;

    /// <summary>
    /// −log10(1 − F(<paramref name="elapsed"/>)) with F ≈ 1 / (1 + e^(−y(1.5976 + 0.070566y²))), y the standardized time
    /// (Bowling et al. 2009, the approximation Akka uses; absolute error of F below 1.4e-4).
    /// </summary>
    internal static double Phi(double elapsed, double mean, double deviation)
    {
        var y = (elapsed - mean) / deviation;
        var e = System.Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        // 1 − F is e / (1 + e); past the mean that form keeps its precision, before it 1 − F is near 1 either way.
        return elapsed > mean ? -System.Math.Log10(e / (1 + e)) : -System.Math.Log10(1 - 1 / (1 + e));
    }

    /// <summary>The history a first heartbeat starts: the estimate ± a quarter of it, so μ = estimate and σ = estimate / 4.</summary>
    private HeartbeatHistory FirstHeartbeat()
    {
        var mean = _options.FirstHeartbeatEstimate.TotalMilliseconds;
        var deviation = mean / 4;
        var history = new HeartbeatHistory(_options.MaxSampleSize);
        history.Add(mean - deviation);
        history.Add(mean + deviation);
        return history;
    }
}
