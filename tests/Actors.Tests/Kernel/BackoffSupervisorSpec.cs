namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>
/// The backoff supervisor on the virtual clock: the child is started again exactly when min·2ⁿ (capped at max) times
/// (1 + r·factor) has passed, not one tick earlier; the count resets after a quiet ResetAfter; retries run out; OnStop
/// mode; forwarding; the current child and the restart count.
/// </summary>
public sealed class BackoffSupervisorSpec : TestKit
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private sealed class TestFailure(string message) : Exception(message);

    /// <summary>Says "started" in PreStart; fails on "fail", stops itself on "stop", answers "echo:s" to any other string.</summary>
    private sealed class Child : ReceiveActor
    {
        private readonly IActorRef _report;

        public Child(IActorRef report)
        {
            _report = report;
            Receive<string>(_ => throw new TestFailure("child fails"), s => s == "fail");
            Receive<string>(_ => throw new InvalidOperationException("fatal"), s => s == "fail fatally");
            Receive<string>(_ => Context.Stop(Self), s => s == "stop");
            Receive<string>(s => Sender.Tell("echo:" + s));
        }

        protected override void PreStart() => _report.Tell("started");
    }

    private BackoffOptions Options(TimeSpan min, TimeSpan max, double randomFactor) =>
        new(ChildProps(), "child", min, max, randomFactor);

    private Props ChildProps()
    {
        var report = TestActor;
        return Props.Create(() => new Child(report));
    }

    private IActorRef StartSupervisor(BackoffOptions options)
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options), "supervisor");
        ExpectMsg("started", TimeSpan.Zero);
        return supervisor;
    }

    /// <summary>The child is not started one tick before <paramref name="delay"/> and is started at it.</summary>
    private void ExpectStartedAfterExactly(TimeSpan delay)
    {
        ExpectNoMsg(delay - Tick);
        Advance(Tick);
        ExpectMsg("started", TimeSpan.Zero);
    }

    private int RestartCountOf(IActorRef supervisor)
    {
        supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, TestActor);
        return ExpectMsg<BackoffSupervisor.RestartCount>(timeout: TimeSpan.Zero).Count;
    }

    [Fact]
    public void A_failing_child_is_started_again_after_min_times_two_to_the_n_capped_at_max()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(1), randomFactor: 0));

        foreach (var delay in new[] { Ms(100), Ms(200), Ms(400), Ms(800), Ms(1000), Ms(1000), Ms(1000) })
        {
            supervisor.Tell("fail");
            ExpectStartedAfterExactly(delay);
        }

        Assert.Equal(7, RestartCountOf(supervisor));
    }

    [Fact]
    public void The_delay_is_multiplied_by_one_plus_a_seeded_random_draw_times_the_factor()
    {
        const int seed = 20260101;
        const double factor = 0.5;
        var min = Ms(100);
        var max = TimeSpan.FromSeconds(1);
        var supervisor = StartSupervisor(Options(min, max, factor) with { Random = new Random(seed) });
        var draws = new Random(seed);

        for (var n = 0; n < 7; n++)
        {
            var r = draws.NextDouble();
            var capped = System.Math.Min(min.Ticks * System.Math.Pow(2, n), max.Ticks);
            var delay = TimeSpan.FromTicks((long)System.Math.Round(capped * (1.0 + r * factor)));
            Assert.True(delay > TimeSpan.FromTicks((long)capped), "the draw adds to the delay");

            supervisor.Tell("fail");
            ExpectStartedAfterExactly(delay);
        }
    }

    [Fact]
    public void The_restart_count_resets_once_the_child_has_run_ResetAfter_without_failing()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0) with { ResetAfter = TimeSpan.FromSeconds(1) });
        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(100));
        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(200));

        Advance(TimeSpan.FromSeconds(1) - Tick);
        Assert.Equal(2, RestartCountOf(supervisor));
        Advance(Tick);
        Assert.Equal(0, RestartCountOf(supervisor));

        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(100));
    }

    [Fact]
    public void A_child_that_fails_before_ResetAfter_keeps_the_delays_growing()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0) with { ResetAfter = TimeSpan.FromSeconds(1) });
        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(100));
        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(200));

        Advance(TimeSpan.FromSeconds(1) - Tick);
        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(400));
        Assert.Equal(3, RestartCountOf(supervisor));
    }

    [Fact]
    public void Without_ResetAfter_the_count_resets_after_MinBackoff()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0));
        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(100));

        Advance(Ms(100) - Tick);
        Assert.Equal(1, RestartCountOf(supervisor));
        Advance(Tick);
        Assert.Equal(0, RestartCountOf(supervisor));
    }

    [Fact]
    public void MaxNrOfRetries_stops_the_supervisor_when_the_child_fails_once_more()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0) with { MaxNrOfRetries = 2 });
        Watch(supervisor);
        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(100));
        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(200));

        supervisor.Tell("fail");

        ExpectTerminated(supervisor, TimeSpan.Zero);
        ExpectNoMsg(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void A_failure_the_decider_does_not_restart_stops_the_supervisor()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0) with
        {
            Decider = e => e is InvalidOperationException ? Directive.Stop : Directive.Restart,
        });
        Watch(supervisor);
        supervisor.Tell("fail");
        ExpectStartedAfterExactly(Ms(100));

        supervisor.Tell("fail fatally");

        ExpectTerminated(supervisor, TimeSpan.Zero);
        ExpectNoMsg(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void OnStop_mode_starts_a_child_that_stopped_itself_again_after_the_backoff()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0) with { Mode = BackoffMode.OnStop });
        Watch(supervisor);

        supervisor.Tell("stop");
        ExpectStartedAfterExactly(Ms(100));
        supervisor.Tell("stop");
        ExpectStartedAfterExactly(Ms(200));

        Assert.Equal(2, RestartCountOf(supervisor));
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void OnStop_mode_restarts_a_failing_child_in_place_at_once()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0) with { Mode = BackoffMode.OnStop });

        supervisor.Tell("fail");

        ExpectMsg("started", TimeSpan.Zero);
        Assert.Equal(0, RestartCountOf(supervisor));
    }

    [Fact]
    public void OnFailure_mode_stops_the_supervisor_when_the_child_stops_itself()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0));
        Watch(supervisor);

        supervisor.Tell("stop");

        ExpectTerminated(supervisor, TimeSpan.Zero);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Messages_are_forwarded_to_the_child_with_their_sender_and_to_dead_letters_while_there_is_none()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0));
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        var child = ExpectMsg<BackoffSupervisor.CurrentChild>(timeout: TimeSpan.Zero).Ref;

        supervisor.Tell("hello", TestActor);
        ExpectMsg("echo:hello", TimeSpan.Zero);
        Assert.Equal(child, LastSender);

        supervisor.Tell("fail");
        var dead = ExpectEvent<DeadLetter>(() => supervisor.Tell("nobody there", TestActor), d => "nobody there".Equals(d.Message));
        Assert.Equal(TestActor, dead.Sender);

        ExpectStartedAfterExactly(Ms(100));
        supervisor.Tell("again", TestActor);
        ExpectMsg("echo:again", TimeSpan.Zero);
    }

    [Fact]
    public void GetCurrentChild_names_the_child_and_is_null_while_it_waits_to_start_again()
    {
        var supervisor = StartSupervisor(Options(Ms(100), TimeSpan.FromSeconds(10), 0));
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        var first = ExpectMsg<BackoffSupervisor.CurrentChild>(timeout: TimeSpan.Zero).Ref;
        Assert.NotNull(first);
        Assert.Equal("child", first.Path.Name);
        Assert.Equal(supervisor.Path, first.Path.Parent);

        supervisor.Tell("fail");
        RunUntilIdle(); // the child fails and is stopped; the supervisor learns it has terminated
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        Assert.Null(ExpectMsg<BackoffSupervisor.CurrentChild>(timeout: TimeSpan.Zero).Ref);
        Assert.Equal(1, RestartCountOf(supervisor));

        ExpectStartedAfterExactly(Ms(100));
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        var second = ExpectMsg<BackoffSupervisor.CurrentChild>(timeout: TimeSpan.Zero).Ref;
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(first.Path, second.Path);
    }

    [Fact]
    public void Options_outside_their_ranges_are_refused()
    {
        var props = ChildProps();
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffSupervisor.Props(new(props, "c", TimeSpan.Zero, Ms(100), 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffSupervisor.Props(new(props, "c", Ms(200), Ms(100), 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffSupervisor.Props(new(props, "c", Ms(100), Ms(200), -0.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffSupervisor.Props(new(props, "c", Ms(100), Ms(200), 1.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffSupervisor.Props(new(props, "c", Ms(100), Ms(200), double.NaN)));
        Assert.Throws<InvalidActorNameException>(() => BackoffSupervisor.Props(new(props, "a/b", Ms(100), Ms(200), 0)));
        Assert.NotNull(BackoffSupervisor.Props(new(props, "c", Ms(100), Ms(100), 1)));
    }
}
