using System.Collections.Concurrent;
using System.Threading.Channels;
using ShampooActors.Configuration;

namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>Coordinated shutdown in virtual time, with three phases of 5 s each.</summary>
public sealed class CoordinatedShutdownSpec : TestKit
{
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private readonly ConcurrentQueue<(string What, TimeSpan At)> _steps = new();
    private readonly EventRecorder _events = new();

    public CoordinatedShutdownSpec()
        : base(config: Config.Parse("""
            actors.coordinated-shutdown {
              phases = [first, second, third]
              phase-timeout = 5s
            }
            """))
    {
        Sys.EventStream.Subscribe(_events, typeof(LogEvent));
    }

    private CoordinatedShutdown Shutdown => CoordinatedShutdown.Get(Sys);

    /// <summary>Records what is told to it on the teller's thread, whatever happens to the actors.</summary>
    private sealed class EventRecorder : IActorRef
    {
        private readonly ConcurrentQueue<object> _events = new();

        public ActorPath Path { get; } = ActorPath.Root("recorder");

        public void Tell(object message, IActorRef? sender) => _events.Enqueue(message);

        public IReadOnlyList<T> Of<T>() => _events.OfType<T>().ToList();
    }

    private sealed class Family : ReceiveActor
    {
        private readonly string _name;
        private readonly ConcurrentQueue<string> _stopped;

        public Family(string name, ConcurrentQueue<string> stopped, bool withChild)
        {
            _name = name;
            _stopped = stopped;
            if (withChild)
                Context.ActorOf(Props.Create(() => new Family(name + "/child", stopped, false)), "child");
            Receive<string>(s => Sender.Tell($"{_name} is alive"), s => s == "alive?");
        }

        protected override void PostStop() => _stopped.Enqueue(_name);
    }

    private Task Record(string what)
    {
        _steps.Enqueue((what, Time.Elapsed));
        return Task.CompletedTask;
    }

    private async Task Work(string what, TimeSpan duration)
    {
        _steps.Enqueue((what + " started", Time.Elapsed));
        await Task.Delay(duration, Sys.Scheduler.Clock);
        _steps.Enqueue((what + " ended", Time.Elapsed));
    }

    private async Task FailLater(TimeSpan after, Exception cause)
    {
        await Task.Delay(after, Sys.Scheduler.Clock);
        throw cause;
    }

    private async Task AskAlive(IActorRef actor, ConcurrentQueue<string> stopped)
    {
        var answer = await actor.Ask<string>("alive?", TimeSpan.FromSeconds(1));
        _steps.Enqueue(($"{answer}; {stopped.Count} stopped", Time.Elapsed));
    }

    private static (string, TimeSpan) At(string what, double seconds) => (what, TimeSpan.FromSeconds(seconds));

    [Fact]
    public void The_phases_are_the_configured_ones_in_order()
    {
        Assert.Equal(new[] { "first", "second", "third" }, Shutdown.Phases);
    }

    [Fact]
    public void Tasks_run_phase_by_phase_in_the_configured_order_whatever_the_order_they_were_added_in()
    {
        Shutdown.AddTask("third", "t3", () => Record("third"));
        Shutdown.AddTask("first", "t1a", () => Work("first a", TimeSpan.FromSeconds(1)));
        Shutdown.AddTask("second", "t2", () => Work("second", TimeSpan.FromSeconds(2)));
        Shutdown.AddTask("first", "t1b", () => Record("first b"));

        Result(Shutdown.Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance), Long);

        Assert.Equal(
            new[] { At("first a started", 0), At("first b", 0), At("first a ended", 1), At("second started", 1), At("second ended", 3), At("third", 3) },
            _steps.ToArray());
        Assert.Empty(_events.Of<Warning>());
        Assert.Empty(_events.Of<Error>());
    }

    [Fact]
    public void The_tasks_of_one_phase_run_concurrently()
    {
        foreach (var name in new[] { "a", "b", "c" })
            Shutdown.AddTask("second", name, () => Work(name, TimeSpan.FromSeconds(2)));
        Shutdown.AddTask("third", "after", () => Record("third"));

        Result(Shutdown.Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance), Long);

        // One after the other they would take 6 s, more than the phase's 5 s.
        Assert.Equal(
            new[] { At("a started", 0), At("b started", 0), At("c started", 0), At("a ended", 2), At("b ended", 2), At("c ended", 2), At("third", 2) },
            _steps.ToArray());
        Assert.Empty(_events.Of<Warning>());
    }

    [Fact]
    public void A_phase_that_exceeds_its_timeout_is_logged_as_a_warning_and_shutdown_goes_on()
    {
        var never = new TaskCompletionSource();
        Shutdown.AddTask("first", "stuck", () => never.Task);
        Shutdown.AddTask("second", "next", () => Record("second"));

        Result(Shutdown.Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance), Long);

        Assert.Equal(new[] { At("second", 5) }, _steps.ToArray());
        var warning = Assert.Single(_events.Of<Warning>());
        Assert.Contains("'first'", warning.Message);
        Assert.Contains(PhaseTimeout.ToString(), warning.Message);
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_failing_task_is_logged_as_an_error_and_shutdown_goes_on()
    {
        var thrown = new InvalidOperationException("disk full");
        var late = new InvalidOperationException("lost connection");
        Shutdown.AddTask("first", "throws", () => throw thrown);
        Shutdown.AddTask("first", "sibling", () => Record("sibling"));
        Shutdown.AddTask("second", "fails later", () => FailLater(TimeSpan.FromSeconds(1), late));
        Shutdown.AddTask("third", "last", () => Record("third"));

        Result(Shutdown.Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance), Long);

        Assert.Equal(new[] { At("sibling", 0), At("third", 1) }, _steps.ToArray());
        var errors = _events.Of<Error>();
        Assert.Equal(2, errors.Count);
        Assert.Same(thrown, errors[0].Cause);
        Assert.Contains("'throws'", errors[0].Message);
        Assert.Contains("'first'", errors[0].Message);
        Assert.Same(late, errors[1].Cause);
        Assert.Contains("'fails later'", errors[1].Message);
        Assert.Contains("'second'", errors[1].Message);
        Assert.Empty(_events.Of<Warning>());
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void Running_it_again_returns_the_same_task_and_runs_the_tasks_once()
    {
        var runs = 0;
        Shutdown.AddTask("first", "count", () =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });

        var first = Shutdown.Run(CoordinatedShutdown.ProcessExitReason.Instance);
        var second = Shutdown.Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
        var third = Sys.Terminate();
        Result(first);

        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.Same(CoordinatedShutdown.ProcessExitReason.Instance, Shutdown.ShutdownReason);
        Assert.Equal(1, runs);
    }

    [Fact]
    public void Terminate_or_Run_called_from_a_task_of_a_phase_returns_the_running_shutdown_and_the_phase_runs_once()
    {
        var runs = 0;
        Task? fromTerminate = null;
        Task? fromRun = null;
        Shutdown.AddTask("first", "terminates", () =>
        {
            // Only the first run calls back in: a shutdown that started again would otherwise recurse without end.
            if (Interlocked.Increment(ref runs) == 1)
            {
                fromTerminate = Sys.Terminate();
                fromRun = Shutdown.Run(CoordinatedShutdown.ProcessExitReason.Instance);
            }
            return Task.CompletedTask;
        });
        Shutdown.AddTask("second", "after", () => Record("second"));

        var run = Sys.Terminate();
        Result(run, Long);

        Assert.Equal(1, runs);
        Assert.Same(run, fromTerminate);
        Assert.Same(run, fromRun);
        Assert.Same(CoordinatedShutdown.ActorSystemTerminateReason.Instance, Shutdown.ShutdownReason);
        Assert.Equal(new[] { At("second", 0) }, _steps.ToArray());
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void After_the_last_phase_every_actor_is_stopped_and_WhenTerminated_completes()
    {
        var stopped = new ConcurrentQueue<string>();
        var parent = Sys.ActorOf(Props.Create(() => new Family("parent", stopped, true)), "parent");
        Sys.ActorOf(Props.Create(() => new Family("loner", stopped, false)), "loner");
        RunUntilIdle();
        Shutdown.AddTask("third", "still alive", () => AskAlive(parent, stopped));

        var run = Shutdown.Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
        Result(run, Long);

        Assert.Equal(new[] { At("parent is alive; 0 stopped", 0) }, _steps.ToArray());
        Assert.Equal(new[] { "loner", "parent", "parent/child" }, stopped.Order());
        Assert.True(run.IsCompletedSuccessfully);
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void AddTask_to_an_unknown_phase_throws()
    {
        var thrown = Assert.Throws<ArgumentException>(() => Shutdown.AddTask("no-such-phase", "task", () => Task.CompletedTask));

        Assert.Contains("'no-such-phase'", thrown.Message);
    }

    [Fact]
    public void AddTask_after_shutdown_has_started_throws()
    {
        Shutdown.AddTask("first", "hold", () => Work("hold", TimeSpan.FromSeconds(1)));
        var run = Shutdown.Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);

        Assert.Throws<InvalidOperationException>(() => Shutdown.AddTask("third", "late", () => Record("late")));

        Result(run, Long);
        Assert.Equal(new[] { At("hold started", 0), At("hold ended", 1) }, _steps.ToArray());
    }
}

/// <summary>Coordinated shutdown on real threads: what runs after the system has terminated.</summary>
public sealed class RealTimeCoordinatedShutdownSpec() : TestKit(TestKitMode.RealTime)
{
    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Writes each message with the Sender it sees.</summary>
    private sealed class SenderRecorder : ReceiveActor
    {
        public SenderRecorder(ChannelWriter<(object Message, IActorRef Sender)> seen)
        {
            ReceiveAny(m => seen.TryWrite((m, Sender)));
        }
    }

    [Fact]
    public async Task Code_after_awaiting_WhenTerminated_is_not_inside_an_actor_so_a_Tell_from_it_has_no_sender()
    {
        var witness = ActorSystem.Create("witness");
        try
        {
            var seen = Channel.CreateUnbounded<(object Message, IActorRef Sender)>();
            var recorder = witness.ActorOf(Props.Create(() => new SenderRecorder(seen.Writer)), "recorder");
            var told = TellWhenTerminated(Sys, recorder, "from code without a context");

            await Sys.Terminate().WaitAsync(RealTimeout);
            await Sys.WhenTerminated;
            recorder.Tell("from the test");
            await told.WaitAsync(RealTimeout);

            var received = new List<(object Message, IActorRef Sender)>();
            for (var i = 0; i < 2; i++)
                received.Add(await seen.Reader.ReadAsync().AsTask().WaitAsync(RealTimeout));
            Assert.Equal(
                new (object, IActorRef)[] { ("from code without a context", witness.DeadLetters), ("from the test", witness.DeadLetters) },
                received.OrderBy(r => (string)r.Message, StringComparer.Ordinal));
        }
        finally
        {
            await witness.Terminate().WaitAsync(RealTimeout);
        }
    }

    /// <summary>Awaits the termination of <paramref name="system"/> as library code does (no context), then tells without a sender.</summary>
    private static async Task TellWhenTerminated(ActorSystem system, IActorRef target, object message)
    {
        await system.WhenTerminated.ConfigureAwait(false);
        target.Tell(message);
    }
}
