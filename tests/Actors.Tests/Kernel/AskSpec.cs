using System.Runtime.CompilerServices;
using ShampooActors.Configuration;

namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>Ask, PipeTo and GracefulStop in virtual time, on a system whose default ask timeout is 2 s.</summary>
public sealed class AskSpec : TestKit
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    public AskSpec() : base(config: Config.Parse("actors.ask-timeout = 2s"))
    {
    }

    private sealed record Fail(Exception Cause);

    private sealed record Succeed(object? Value);

    private sealed record Compute(int Input);

    private sealed record Drain;

    private sealed record Done;

    /// <summary>A reply object of its own: the test can tell whether anything still holds it.</summary>
    private sealed class Payload(int value)
    {
        public int Value { get; } = value;
    }

    private sealed class Responder : ReceiveActor
    {
        public Responder()
        {
            Receive<string>(s => Sender.Tell("echo:" + s));
            Receive<Fail>(f => Sender.Tell(new Status.Failure(f.Cause)));
            Receive<Succeed>(s => Sender.Tell(new Status.Success(s.Value)));
            Receive<int>(n => Sender.Tell(new Payload(n)));
        }
    }

    /// <summary>Doubles its input after 1 s of async work and replies to whoever asked, through PipeTo to itself.</summary>
    private sealed class Doubler : ReceiveActor
    {
        public Doubler()
        {
            Receive<Compute>(c => DoubleLater(c.Input, Context.System.Scheduler.Clock).PipeTo(Self, Sender));
            Receive<int>(result => Sender.Tell($"doubled to {result}"));
        }

        private static async Task<int> DoubleLater(int input, TimeProvider clock)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock).ConfigureAwait(false);
            return input * 2;
        }
    }

    /// <summary>Stops itself 5 s after it is asked to drain (it finishes its work first).</summary>
    private sealed class Drainer : ReceiveActor, IWithTimers
    {
        private readonly IActorRef _report;

        public Drainer(IActorRef report)
        {
            _report = report;
            Receive<Drain>(_ => Timers.StartSingleTimer("drain", new Done(), TimeSpan.FromSeconds(5)));
            Receive<Done>(_ => Context.Stop(Self));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PostStop() => _report.Tell("drained");
    }

    private IActorRef Responding() => Sys.ActorOf(Props.Create(() => new Responder()), "responder");

    [Fact]
    public void Ask_completes_with_the_reply()
    {
        var responder = Responding();

        var reply = Result(responder.Ask<string>("hello", TimeSpan.FromSeconds(1)));

        Assert.Equal("echo:hello", reply);
        Assert.Equal(TimeSpan.Zero, Time.Elapsed);
    }

    [Fact]
    public void Code_awaiting_Asks_outside_an_actor_continues_within_the_virtual_time_run()
    {
        var responder = Responding();

        var both = Result(AskOneThenTwo(responder));

        Assert.Equal("echo:one echo:two", both);
        Assert.Equal(TimeSpan.Zero, Time.Elapsed);
    }

    private static async Task<string> AskOneThenTwo(IActorRef responder)
    {
        var one = await responder.Ask<string>("one", TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var two = await responder.Ask<string>("two", TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        return one + " " + two;
    }

    [Fact]
    public void Ask_faults_with_the_cause_of_a_Status_Failure_reply()
    {
        var responder = Responding();
        var cause = new InvalidOperationException("no stock");

        var task = responder.Ask<string>(new Fail(cause), TimeSpan.FromSeconds(1));

        var thrown = Assert.Throws<InvalidOperationException>(() => Result(task));
        Assert.Same(cause, thrown);
    }

    [Fact]
    public void Ask_completes_with_the_value_of_a_Status_Success_reply_of_the_asked_type()
    {
        var responder = Responding();

        Assert.Equal(17, Result(responder.Ask<int>(new Succeed(17), TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void Ask_faults_with_InvalidCastException_when_the_reply_has_another_type()
    {
        var responder = Responding();

        var task = responder.Ask<int>("hello", TimeSpan.FromSeconds(1));

        var thrown = Assert.Throws<InvalidCastException>(() => Result(task));
        Assert.Contains(nameof(Int32), thrown.Message);
        Assert.Contains(nameof(String), thrown.Message);
    }

    [Fact]
    public void Ask_times_out_exactly_at_the_virtual_deadline_and_not_one_tick_before()
    {
        var silent = CreateTestProbe();

        var task = silent.Ref.Ask<string>("anyone?", TimeSpan.FromSeconds(5));
        silent.ExpectMsg("anyone?");
        Advance(TimeSpan.FromSeconds(5) - Tick);

        Assert.False(task.IsCompleted);
        Advance(Tick);
        Assert.True(task.IsFaulted);
        Assert.IsType<AskTimeoutException>(task.Exception!.InnerException);
    }

    [Fact]
    public void A_reply_after_the_timeout_goes_to_dead_letters()
    {
        var slow = CreateTestProbe();
        var task = slow.Ref.Ask<string>("anyone?", TimeSpan.FromSeconds(1));
        slow.ExpectMsg("anyone?");
        var asker = slow.LastSender;
        Assert.Throws<AskTimeoutException>(() => Result(task));

        var letter = ExpectEvent<DeadLetter>(() => slow.Reply("too late"));

        Assert.Equal("too late", letter.Message);
        Assert.Equal(slow.Ref, letter.Sender);
        Assert.Equal(asker, letter.Recipient);
        Assert.IsType<AskTimeoutException>(task.Exception!.InnerException);
    }

    [Fact]
    public void Ask_without_a_timeout_uses_actors_ask_timeout_from_the_config()
    {
        var silent = CreateTestProbe();

        var task = silent.Ref.Ask<string>("anyone?");

        Assert.Throws<AskTimeoutException>(() => Result(task, TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromSeconds(2), Time.Elapsed);
    }

    [Fact]
    public void Ask_without_a_timeout_on_the_reference_config_waits_indefinitely()
    {
        var time = new VirtualTime();
        var system = ActorSystem.Create("reference", setup: time.Setup());
        var silent = system.ActorOf(Props.Create(() => new Responder()), "silent");

        var task = silent.Ask<string>(3.5); // a message it does not handle: no reply ever comes
        time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(Timeout.InfiniteTimeSpan, system.Settings.AskTimeout);
        Assert.False(task.IsCompleted);
        var terminated = system.Terminate();
        time.RunUntilIdle();
        Assert.True(terminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void Cancelling_the_token_of_a_pending_Ask_cancels_its_task_at_once_and_a_later_reply_goes_to_dead_letters()
    {
        var slow = CreateTestProbe();
        using var cancellation = new CancellationTokenSource();
        var task = slow.Ref.Ask<string>("anyone?", TimeSpan.FromSeconds(5), cancellation.Token);
        slow.ExpectMsg("anyone?");
        var asker = slow.LastSender;
        Advance(TimeSpan.FromSeconds(1));
        Assert.False(task.IsCompleted);

        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Result(task));
        Assert.Equal(TimeSpan.FromSeconds(1), Time.Elapsed);
        var letter = ExpectEvent<DeadLetter>(() => slow.Reply("too late"));
        Assert.Equal(new DeadLetter("too late", slow.Ref, asker), letter);
    }

    [Fact]
    public void Ask_with_an_already_cancelled_token_is_cancelled_without_waiting_for_a_reply()
    {
        var silent = CreateTestProbe();

        var task = silent.Ref.Ask<string>("anyone?", TimeSpan.FromSeconds(5), new CancellationToken(canceled: true));

        Assert.ThrowsAny<OperationCanceledException>(() => Result(task));
        Assert.Equal(TimeSpan.Zero, Time.Elapsed);
    }

    [Fact]
    public void Completed_Asks_with_a_long_lived_cancellation_token_do_not_keep_their_replies_alive()
    {
        var responder = Responding();
        using var cancellation = new CancellationTokenSource();

        // No timeout: a pending virtual timer would hold its Ask until the timer's due time; here only the token could.
        var replies = AskMany(responder, 100, cancellation.Token);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(0, replies.Count(r => r.IsAlive));
        Assert.False(cancellation.IsCancellationRequested); // the token lives on
    }

    /// <summary>Asks <paramref name="count"/> times and returns weak references to the replies, holding nothing else.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference[] AskMany(IActorRef responder, int count, CancellationToken token)
    {
        var replies = new WeakReference[count];
        for (var i = 0; i < count; i++)
        {
            var reply = Result(responder.Ask<Payload>(i, Timeout.InfiniteTimeSpan, token));
            Assert.Equal(i, reply.Value);
            replies[i] = new WeakReference(reply);
        }
        return replies;
    }

    [Fact]
    public void PipeTo_tells_the_result_of_a_successful_task_with_the_given_sender()
    {
        var source = new TaskCompletionSource<int>();
        var sender = CreateTestProbe();
        _ = source.Task.PipeTo(TestActor, sender.Ref);
        ExpectNoMsg(TimeSpan.FromSeconds(1));

        source.SetResult(42);

        ExpectMsg(42);
        Assert.Equal(sender.Ref, LastSender);
    }

    [Fact]
    public void PipeTo_tells_Status_Failure_with_the_exception_of_a_failed_task()
    {
        var source = new TaskCompletionSource<int>();
        var cause = new InvalidOperationException("disk full");
        _ = source.Task.PipeTo(TestActor);

        source.SetException(cause);

        var failure = ExpectMsg<Status.Failure>();
        Assert.Same(cause, failure.Cause);
        Assert.Equal(Sys.DeadLetters, LastSender);
    }

    [Fact]
    public void PipeTo_maps_success_and_failure_with_the_given_functions()
    {
        var succeeding = new TaskCompletionSource<int>();
        var failing = new TaskCompletionSource<int>();
        _ = succeeding.Task.PipeTo(TestActor, success: n => $"got {n}", failure: e => $"failed: {e.Message}");
        _ = failing.Task.PipeTo(TestActor, success: n => $"got {n}", failure: e => $"failed: {e.Message}");

        succeeding.SetResult(7);
        ExpectMsg("got 7");
        failing.SetException(new InvalidOperationException("no route"));
        ExpectMsg("failed: no route");
    }

    [Fact]
    public void PipeTo_of_a_task_without_result_tells_nothing_on_success_and_Status_Failure_on_failure()
    {
        var succeeding = new TaskCompletionSource();
        var failing = new TaskCompletionSource();
        var cause = new InvalidOperationException("lost");
        var piped = succeeding.Task.PipeTo(TestActor);
        _ = failing.Task.PipeTo(TestActor);

        succeeding.SetResult();
        Result(piped);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        failing.SetException(cause);
        Assert.Same(cause, ExpectMsg<Status.Failure>().Cause);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void PipeTo_of_a_task_without_result_tells_what_the_success_function_makes()
    {
        var succeeding = new TaskCompletionSource();
        var sender = CreateTestProbe();
        _ = succeeding.Task.PipeTo(TestActor, sender.Ref, success: () => "done");

        succeeding.SetResult();

        ExpectMsg("done");
        Assert.Equal(sender.Ref, LastSender);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void PipeTo_Self_with_the_captured_sender_lets_an_actor_reply_after_async_work()
    {
        var doubler = Sys.ActorOf(Props.Create(() => new Doubler()), "doubler");

        doubler.Tell(new Compute(21), TestActor);

        ExpectMsg("doubled to 42");
        Assert.Equal(TimeSpan.FromSeconds(1), Time.Elapsed);
    }

    [Fact]
    public void GracefulStop_completes_with_true_once_the_actor_has_stopped()
    {
        var drainer = Sys.ActorOf(Props.Create(() => new Drainer(TestActor)), "drainer");

        var stopped = drainer.GracefulStop(TimeSpan.FromSeconds(3));

        Assert.True(Result(stopped));
        Assert.Equal(TimeSpan.Zero, Time.Elapsed);
        ExpectMsg("drained");
    }

    [Fact]
    public void GracefulStop_of_an_actor_that_is_already_dead_completes_with_true_at_once()
    {
        var drainer = Sys.ActorOf(Props.Create(() => new Drainer(TestActor)), "drainer");
        Watch(drainer);
        Sys.Stop(drainer);
        ExpectMsg("drained");
        ExpectTerminated(drainer);
        var before = Time.Elapsed;

        var stopped = drainer.GracefulStop(TimeSpan.FromSeconds(3));

        Assert.True(Result(stopped));
        Assert.Equal(before, Time.Elapsed);
    }

    [Fact]
    public void GracefulStop_with_a_custom_stop_message_completes_with_true_when_the_actor_stops_within_the_timeout()
    {
        var drainer = Sys.ActorOf(Props.Create(() => new Drainer(TestActor)), "drainer");

        var stopped = drainer.GracefulStop(TimeSpan.FromSeconds(10), new Drain());

        Assert.True(Result(stopped, TimeSpan.FromSeconds(20)));
        Assert.Equal(TimeSpan.FromSeconds(5), Time.Elapsed);
        ExpectMsg("drained");
    }

    [Fact]
    public void GracefulStop_faults_with_AskTimeoutException_at_the_timeout_when_the_actor_takes_longer_to_stop()
    {
        var drainer = Sys.ActorOf(Props.Create(() => new Drainer(TestActor)), "drainer");
        Watch(drainer);

        var stopped = drainer.GracefulStop(TimeSpan.FromSeconds(2), new Drain());

        Assert.Throws<AskTimeoutException>(() => Result(stopped, TimeSpan.FromSeconds(20)));
        Assert.Equal(TimeSpan.FromSeconds(2), Time.Elapsed);
        ExpectMsg("drained", TimeSpan.FromSeconds(10));
        ExpectTerminated(drainer);
        Assert.Equal(TimeSpan.FromSeconds(5), Time.Elapsed);
    }

    [Fact]
    public void GracefulStop_faults_with_AskTimeoutException_when_the_actor_does_not_handle_the_stop_message_and_it_lives_on()
    {
        var responder = Responding();

        var unhandled = ExpectEvent<UnhandledMessage>(() =>
            Assert.Throws<AskTimeoutException>(() => Result(responder.GracefulStop(TimeSpan.FromSeconds(2), 3.5), TimeSpan.FromSeconds(20))));

        Assert.Equal(3.5, unhandled.Message);
        Assert.Equal(TimeSpan.FromSeconds(2), Time.Elapsed);
        Assert.Equal("echo:alive", Result(responder.Ask<string>("alive", TimeSpan.FromSeconds(1))));
    }
}
