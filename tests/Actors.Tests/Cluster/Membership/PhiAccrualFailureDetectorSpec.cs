using ShampooActors.Actors.Cluster.Membership;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Cluster.Membership;

/// <summary>The φ accrual failure detector against the exact normal distribution of the intervals it has seen.</summary>
public sealed class PhiAccrualFailureDetectorSpec
{
    /// <summary>
    /// Akka's logistic form of the normal CDF is within 1.4e-4 of it everywhere (Bowling et al. 2009, "A logistic
    /// approximation to the cumulative normal distribution"), so 1 − F derived from φ is compared with that slack.
    /// </summary>
    private const double CdfTolerance = 1.5e-4;

    private static readonly FailureDetectorOptions Defaults = new();

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>Requires 1 − F implied by the detector's φ (10^−φ) to be within <see cref="CdfTolerance"/> of the model's, from the last heartbeat to 3 s past the model's φ = 8.</summary>
    private static void AssertFollows(PhiModel model, PhiAccrualFailureDetector detector, TimeSpan lastHeartbeat)
    {
        var end = model.Crossing(8) + 3000;
        for (var elapsed = 0.0; elapsed <= end; elapsed += end / 200)
        {
            var implied = System.Math.Pow(10, -detector.Phi(lastHeartbeat + Ms(elapsed)));
            Assert.InRange(implied - model.Tail(elapsed), -CdfTolerance, CdfTolerance);
        }
    }

    /// <summary>Heartbeats at <paramref name="start"/> and after each of <paramref name="intervalsMs"/>; returns the time of the last.</summary>
    private static TimeSpan Beat(PhiAccrualFailureDetector detector, TimeSpan start, IEnumerable<double> intervalsMs)
    {
        var now = start;
        detector.Heartbeat(now);
        foreach (var interval in intervalsMs)
        {
            now += Ms(interval);
            detector.Heartbeat(now);
        }
        return now;
    }

    [Fact]
    public void The_exact_normal_reference_reproduces_published_quantiles()
    {
        // Standard normal table values: Q(1.959963984540054) = 0.025, Q(3) = 0.00134989803163, Q(0) = 0.5.
        Assert.Equal(0.025, NormalTail.Q(1.959963984540054), 12);
        Assert.Equal(0.00134989803163, NormalTail.Q(3), 13);
        Assert.Equal(0.5, NormalTail.Q(0), 12);
        Assert.Equal(0.975, NormalTail.Q(-1.959963984540054), 12);
    }

    [Fact]
    public void Before_any_heartbeat_phi_is_zero_and_the_node_counts_as_available()
    {
        var detector = new PhiAccrualFailureDetector(Defaults);

        Assert.False(detector.IsMonitoring);
        Assert.Equal(0, detector.Phi(TimeSpan.FromHours(5)));
        Assert.True(detector.IsAvailable(TimeSpan.FromHours(5)));
    }

    [Fact]
    public void After_the_first_heartbeat_phi_follows_a_normal_of_the_estimate_plus_the_pause_with_a_quarter_of_the_estimate_as_deviation()
    {
        foreach (var estimate in new[] { 1000.0, 2000.0, 200.0 })
        {
            var detector = new PhiAccrualFailureDetector(Defaults with { FirstHeartbeatEstimate = Ms(estimate) });
            var start = TimeSpan.FromSeconds(42);
            detector.Heartbeat(start);

            Assert.True(detector.IsMonitoring);
            // Akka seeds the history with estimate ± estimate/4: mean = estimate, population deviation = estimate/4.
            AssertFollows(new PhiModel([estimate - estimate / 4, estimate + estimate / 4]), detector, start);
        }
    }

    [Fact]
    public void With_jittered_heartbeats_phi_follows_the_normal_of_the_measured_intervals()
    {
        var random = new Random(60);
        var intervals = Enumerable.Range(0, 300).Select(_ => 1000 + (random.NextDouble() - 0.5) * 800).ToArray();
        var detector = new PhiAccrualFailureDetector(Defaults);

        var last = Beat(detector, TimeSpan.Zero, intervals);

        var model = new PhiModel([750, 1250, .. intervals]);
        Assert.True(model.Deviation > 100, "the jitter is meant to exceed the minimum deviation");
        AssertFollows(model, detector, last);
    }

    [Fact]
    public void Regular_heartbeats_use_the_minimum_deviation()
    {
        var detector = new PhiAccrualFailureDetector(Defaults);

        var last = Beat(detector, TimeSpan.Zero, Enumerable.Repeat(1000.0, 2000));

        // 2000 intervals of 1 s: the seeds left the 1000-sample window, the deviation is 0 and the minimum applies.
        AssertFollows(new PhiModel(Enumerable.Repeat(1000.0, 1000).ToArray()), detector, last);
    }

    [Fact]
    public void With_1_s_heartbeats_a_node_is_declared_unavailable_about_4_5_s_after_its_last_heartbeat()
    {
        var detector = new PhiAccrualFailureDetector(Defaults);
        var last = Beat(detector, TimeSpan.FromMinutes(1), Enumerable.Repeat(1000.0, 1500));
        var exact = new PhiModel(Enumerable.Repeat(1000.0, 1000).ToArray()).Crossing(Defaults.Threshold);
        // The logistic tail is heavier than the normal's this far out, so the detector crosses a little early; half the
        // minimum deviation (50 ms) bounds how early.
        const double tolerance = 50;

        Assert.InRange(exact, 4000, 5000);
        Assert.True(detector.IsAvailable(last + Ms(exact - tolerance)));
        Assert.False(detector.IsAvailable(last + Ms(exact + tolerance)));
        Assert.False(detector.IsAvailable(last + TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void In_virtual_time_a_node_whose_periodic_heartbeats_stop_is_suspected_between_4_and_5_s_later()
    {
        var clock = new VirtualClock();
        var detector = new PhiAccrualFailureDetector(Defaults);
        var heartbeats = clock.CreateTimer(_ => detector.Heartbeat(clock.Elapsed), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromMinutes(20));
        var last = clock.Elapsed;
        heartbeats.Dispose();

        while (detector.IsAvailable(clock.Elapsed))
            clock.Advance(Ms(10));

        Assert.InRange(clock.Elapsed - last, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Phi_never_decreases_as_time_passes_without_heartbeats()
    {
        var detector = new PhiAccrualFailureDetector(Defaults);
        var last = Beat(detector, TimeSpan.Zero, Enumerable.Repeat(1000.0, 50));

        var phis = Enumerable.Range(0, 2000).Select(k => detector.Phi(last + Ms(k * 10))).ToArray();

        Assert.All(phis.Zip(phis.Skip(1)), pair => Assert.True(pair.Second >= pair.First, $"{pair.Second} < {pair.First}"));
        Assert.True(double.IsPositiveInfinity(phis[^1]) || phis[^1] > 100);
    }

    [Fact]
    public void A_heartbeat_after_the_node_was_unavailable_does_not_add_its_interval()
    {
        var detector = new PhiAccrualFailureDetector(Defaults);
        var intervals = Enumerable.Repeat(1000.0, 20).ToArray();
        var beforePause = Beat(detector, TimeSpan.Zero, intervals);
        var afterPause = beforePause + TimeSpan.FromSeconds(15);
        Assert.False(detector.IsAvailable(afterPause));

        detector.Heartbeat(afterPause);

        var kept = new PhiModel([750, 1250, .. intervals]);
        var withPause = new PhiModel([750, 1250, .. intervals, 15_000]);
        AssertFollows(kept, detector, afterPause);
        Assert.True(System.Math.Abs(withPause.Tail(5000) - kept.Tail(5000)) > 100 * CdfTolerance, "the two histories are meant to be told apart");
    }

    [Fact]
    public void Only_the_last_max_sample_size_intervals_count()
    {
        var detector = new PhiAccrualFailureDetector(Defaults with { MaxSampleSize = 3 });

        var last = Beat(detector, TimeSpan.Zero, [1400, 1800, 2200, 2600]);

        AssertFollows(new PhiModel([1800, 2200, 2600]), detector, last);
    }

    [Fact]
    public void The_acceptable_pause_and_minimum_deviation_shift_and_widen_the_distribution()
    {
        var options = Defaults with { AcceptableHeartbeatPause = TimeSpan.Zero, MinStdDeviation = Ms(400) };
        var detector = new PhiAccrualFailureDetector(options);

        var last = Beat(detector, TimeSpan.Zero, Enumerable.Repeat(500.0, 100));

        AssertFollows(new PhiModel([750, 1250, .. Enumerable.Repeat(500.0, 100)], PauseMs: 0, MinDeviationMs: 400), detector, last);
    }

    [Fact]
    public void A_heartbeat_before_the_previous_one_is_refused()
    {
        var detector = new PhiAccrualFailureDetector(Defaults);
        detector.Heartbeat(TimeSpan.FromSeconds(10));

        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Heartbeat(TimeSpan.FromSeconds(9)));
    }

    [Fact]
    public void The_defaults_are_akkas()
    {
        Assert.Equal(8, Defaults.Threshold);
        Assert.Equal(1000, Defaults.MaxSampleSize);
        Assert.Equal(TimeSpan.FromMilliseconds(100), Defaults.MinStdDeviation);
        Assert.Equal(TimeSpan.FromSeconds(3), Defaults.AcceptableHeartbeatPause);
        Assert.Equal(TimeSpan.FromSeconds(1), Defaults.FirstHeartbeatEstimate);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_naming_the_option(string option, FailureDetectorOptions options)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new PhiAccrualFailureDetector(options));

        Assert.Equal(option, error.Option);
        Assert.Contains(option, error.Message);
    }

    public static TheoryData<string, FailureDetectorOptions> InvalidOptions() => new()
    {
        { "threshold", new FailureDetectorOptions { Threshold = 0 } },
        { "threshold", new FailureDetectorOptions { Threshold = double.NaN } },
        { "max-sample-size", new FailureDetectorOptions { MaxSampleSize = 0 } },
        { "min-std-deviation", new FailureDetectorOptions { MinStdDeviation = TimeSpan.Zero } },
        { "acceptable-heartbeat-pause", new FailureDetectorOptions { AcceptableHeartbeatPause = TimeSpan.FromSeconds(-1) } },
        { "first-heartbeat-estimate", new FailureDetectorOptions { FirstHeartbeatEstimate = TimeSpan.Zero } },
    };
}
