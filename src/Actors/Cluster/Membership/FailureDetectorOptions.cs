using System.Globalization;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Cluster.Membership;

/// <summary>The settings of <see cref="PhiAccrualFailureDetector"/>; the defaults are Akka's (akka.cluster.failure-detector).</summary>
public sealed record FailureDetectorOptions
{
    /// <summary>φ at or above which the node is considered unavailable (8).</summary>
    public double Threshold { get; init; } = 8;

    /// <summary>How many heartbeat intervals the mean and standard deviation are taken over; older ones are dropped (1000).</summary>
    public int MaxSampleSize { get; init; } = 1000;

    /// <summary>The least standard deviation used, so that very regular heartbeats do not make φ jump at a little jitter (100 ms).</summary>
    public TimeSpan MinStdDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A pause in heartbeats tolerated on top of the mean interval (garbage collection, a slow network) (3 s).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The interval assumed before any is measured, the heartbeat interval (1 s): the first heartbeat seeds the history with it.</summary>
    public TimeSpan FirstHeartbeatEstimate { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (!(Threshold > 0) || double.IsInfinity(Threshold))
            throw Invalid("threshold", Threshold.ToString("R", CultureInfo.InvariantCulture), "must be a finite number > 0");
        if (MaxSampleSize < 1)
            throw Invalid("max-sample-size", MaxSampleSize.ToString(CultureInfo.InvariantCulture), "must be at least 1");
        if (MinStdDeviation <= TimeSpan.Zero)
            throw Invalid("min-std-deviation", MinStdDeviation.ToString(), "must be > 0");
        if (AcceptableHeartbeatPause < TimeSpan.Zero)
            throw Invalid("acceptable-heartbeat-pause", AcceptableHeartbeatPause.ToString(), "must be >= 0");
        if (FirstHeartbeatEstimate <= TimeSpan.Zero)
            throw Invalid("first-heartbeat-estimate", FirstHeartbeatEstimate.ToString(), "must be > 0");
    }

    private static InvalidOptionsException Invalid(string option, string value, string rule) =>
        new(option, $"failure-detector option {option} = {value} is invalid: {rule}");
}
