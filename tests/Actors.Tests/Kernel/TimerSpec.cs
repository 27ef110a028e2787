namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>Keyed actor timers and the system scheduler, in virtual time.</summary>
public sealed class TimerSpec : TestKit
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private sealed record StartPeriodic(string Key, object Message, TimeSpan Interval);

    private sealed record StartSingle(string Key, object Message, TimeSpan Delay);

    private sealed record CancelTimer(string Key);

    private sealed record IsActive(string Key);

    /// <summary>Holds the actor in an async handler until the gate opens, then runs <paramref name="Then"/> on its timers.</summary>
    private sealed record Hold(Task Gate, Action<ITimerScheduler>? Then = null);

    private sealed record Fail;

    /// <summary>Starts and cancels timers on command; reports every other message (the timers' messages).</summary>
    private sealed class Ticker : ReceiveActor, IWithTimers
    {
        public Ticker(IActorRef report)
        {
            Receive<StartPeriodic>(s => Timers.StartPeriodicTimer(s.Key, s.Message, s.Interval));
            Receive<StartSingle>(s => Timers.StartSingleTimer(s.Key, s.Message, s.Delay));
            Receive<CancelTimer>(c => Timers.Cancel(c.Key));
            Receive<IsActive>(q => Sender.Tell(Timers.IsTimerActive(q.Key)));
            ReceiveAsync<Hold>(async hold =>
            {
                await hold.Gate;
                hold.Then?.Invoke(Timers);
            });
            Receive<Fail>(_ => throw new InvalidOperationException("fail"));
            ReceiveAny(m => report.Tell(m));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    /// <summary>Starts a periodic timer in PreStart whose message names the incarnation.</summary>
    private sealed class IncarnationTicker : ReceiveActor, IWithTimers
    {
        private readonly int _incarnation;

        public IncarnationTicker(IActorRef report, int incarnation)
        {
            _incarnation = incarnation;
            ReceiveAsync<Hold>(async hold => await hold.Gate);
            ReceiveAny(m => report.Tell(m));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", $"tick of incarnation {_incarnation}", Second);
    }

    private IActorRef Ticking() => Sys.ActorOf(Props.Create(() => new Ticker(TestActor)), "ticker");

    private bool Active(IActorRef ticker, string key) => Result(ticker.Ask<bool>(new IsActive(key), Second));

    [Fact]
    public void A_periodic_timer_fires_exactly_ten_times_in_ten_intervals()
    {
        var ticker = Ticking();
        var interval = TimeSpan.FromMilliseconds(100);
        ticker.Tell(new StartPeriodic("k", "tick", interval), TestActor);
        RunUntilIdle();

        Advance(10 * interval);

        Assert.All(ReceiveN(10, TimeSpan.Zero), m => Assert.Equal("tick", m));
        Assert.False(HasMessages);
        ExpectNoMsg(interval - Tick);
        ExpectMsg("tick", Tick);
        Assert.Equal(11 * interval, Time.Elapsed);
    }

    [Fact]
    public void A_single_timer_fires_once_at_its_due_time()
    {
        var ticker = Ticking();
        var due = TimeSpan.FromMilliseconds(500);
        ticker.Tell(new StartSingle("k", "once", due), TestActor);
        RunUntilIdle();
        Assert.True(Active(ticker, "k"));

        ExpectNoMsg(due - Tick);
        ExpectMsg("once", Tick);

        Assert.Equal(due, Time.Elapsed);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
        Assert.False(Active(ticker, "k"));
    }

    [Fact]
    public void Starting_a_key_again_replaces_its_timer()
    {
        var ticker = Ticking();
        ticker.Tell(new StartSingle("k", "first", Second), TestActor);
        Advance(TimeSpan.FromMilliseconds(500));

        ticker.Tell(new StartSingle("k", "second", Second), TestActor);

        ExpectMsg("second", TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Time.Elapsed);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Starting_a_key_again_drops_a_message_of_the_old_timer_already_queued()
    {
        var ticker = Ticking();
        var gate = new TaskCompletionSource();
        ticker.Tell(new StartSingle("k", "old", Second), TestActor);
        ticker.Tell(new Hold(gate.Task, timers => timers.StartSingleTimer("k", "new", Second)), TestActor);
        Advance(Second); // "old" fires and waits in the mailbox behind the held handler

        gate.SetResult(); // the handler restarts "k" at 1 s, before "old" is processed

        ExpectNoMsg(Second - Tick);
        ExpectMsg("new", Tick);
        Assert.Equal(2 * Second, Time.Elapsed);
    }

    [Fact]
    public void Cancel_stops_a_timer_and_drops_its_message_already_queued()
    {
        var ticker = Ticking();
        var gate = new TaskCompletionSource();
        ticker.Tell(new StartPeriodic("k", "tick", Second), TestActor);
        ExpectMsg("tick", 2 * Second);
        ticker.Tell(new Hold(gate.Task, timers => timers.Cancel("k")), TestActor);
        Advance(Second); // the second tick waits in the mailbox behind the held handler

        gate.SetResult();

        ExpectNoMsg(TimeSpan.FromSeconds(10));
        Assert.False(Active(ticker, "k"));
    }

    [Fact]
    public void Cancel_by_message_stops_a_periodic_timer()
    {
        var ticker = Ticking();
        ticker.Tell(new StartPeriodic("k", "tick", Second), TestActor);
        ExpectMsg("tick", 2 * Second);
        Assert.True(Active(ticker, "k"));

        ticker.Tell(new CancelTimer("k"), TestActor);

        ExpectNoMsg(TimeSpan.FromSeconds(10));
        Assert.False(Active(ticker, "k"));
    }

    [Fact]
    public void A_restart_cancels_the_timers_of_the_old_instance()
    {
        var ticker = Ticking();
        ticker.Tell(new StartPeriodic("k", "tick", Second), TestActor);
        ExpectMsg("tick", 2 * Second);

        ticker.Tell(new Fail(), TestActor);

        ExpectNoMsg(TimeSpan.FromSeconds(10));
        Assert.False(Active(ticker, "k"));
    }

    [Fact]
    public void After_a_restart_no_message_of_the_old_incarnations_timer_arrives_even_one_already_queued()
    {
        var incarnations = 0;
        var ticker = Sys.ActorOf(Props.Create(() => new IncarnationTicker(TestActor, ++incarnations)), "ticker");
        var gate = new TaskCompletionSource();
        ticker.Tell(new Hold(gate.Task), TestActor);
        Advance(2 * Second); // two ticks of incarnation 1 wait behind the held handler

        gate.SetException(new InvalidOperationException("fail")); // the handler fails at 2 s: a restart

        ExpectMsg("tick of incarnation 2", TimeSpan.FromSeconds(5));
        Assert.Equal(3 * Second, Time.Elapsed);
        Assert.Equal(2, incarnations);
    }

    [Fact]
    public void Stopping_the_actor_cancels_its_timers()
    {
        var ticker = Ticking();
        ticker.Tell(new StartPeriodic("k", "tick", Second), TestActor);
        ExpectMsg("tick", 2 * Second);
        Watch(ticker);
        Sys.Stop(ticker);
        ExpectTerminated(ticker);

        // A timer still running would tell its ticks to the stopped actor: dead letters.
        ExpectNoEvent<DeadLetter>(() => { }, duration: TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ScheduleTellOnce_tells_once_at_its_due_time_with_the_given_sender()
    {
        var sender = CreateTestProbe();
        var due = TimeSpan.FromSeconds(2);

        var scheduled = Sys.Scheduler.ScheduleTellOnce(due, TestActor, "once", sender.Ref);

        ExpectNoMsg(due - Tick);
        ExpectMsg("once", Tick);
        Assert.Equal(sender.Ref, LastSender);
        Assert.False(scheduled.IsCancellationRequested);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ScheduleTellOnce_cancelled_before_its_due_time_never_tells()
    {
        var scheduled = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "once", ActorRefs.NoSender);
        Advance(Second);

        scheduled.Cancel();

        Assert.True(scheduled.IsCancellationRequested);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ScheduleTellRepeatedly_tells_after_the_initial_delay_then_every_interval_until_cancelled()
    {
        var scheduled = Sys.Scheduler.ScheduleTellRepeatedly(Second, 2 * Second, TestActor, "again", ActorRefs.NoSender);

        Advance(7 * Second); // due at 1, 3, 5 and 7 s

        Assert.All(ReceiveN(4, TimeSpan.Zero), m => Assert.Equal("again", m));
        Assert.False(HasMessages);
        scheduled.Cancel();
        ExpectNoMsg(TimeSpan.FromSeconds(10));
        Assert.True(scheduled.IsCancellationRequested);
    }
}
