namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>ReceiveAsync in virtual time: no interleaving, the right Sender and Self after awaits, supervision, Ask inside.</summary>
public sealed class AsyncHandlerSpec : TestKit
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private sealed record Answer(string Query, IActorRef Sender, IActorRef Self, IActorRef ContextSelf);

    /// <summary>Reports the start and end of each job; a job takes one virtual second.</summary>
    private sealed class SlowWorker : ReceiveActor
    {
        public SlowWorker(IActorRef report)
        {
            var running = 0;
            ReceiveAsync<string>(async job =>
            {
                running++;
                report.Tell($"start {job} with {running} running");
                await Task.Delay(Second, Context.System.Scheduler.Clock);
                report.Tell($"end {job}");
                running--;
            });
        }
    }

    /// <summary>Each job waits for the gate the test holds for it.</summary>
    private sealed class GatedWorker : ReceiveActor
    {
        public GatedWorker(IActorRef report, IReadOnlyDictionary<string, TaskCompletionSource> gates)
        {
            ReceiveAsync<string>(async job =>
            {
                report.Tell($"start {job}");
                await gates[job].Task;
                report.Tell($"end {job}");
            });
        }
    }

    /// <summary>Answers after a virtual delay and a yield, naming the Sender and Self it sees then.</summary>
    private sealed class LateReplier : ReceiveActor
    {
        public LateReplier()
        {
            ReceiveAsync<string>(async query =>
            {
                await Task.Delay(Second, Context.System.Scheduler.Clock);
                await Task.Yield();
                Sender.Tell(new Answer(query, Sender, Self, Context.Self));
            });
        }
    }

    /// <summary>Fails "fail" after one virtual second; reports which incarnation handled what.</summary>
    private sealed class FlakyWorker : ReceiveActor
    {
        public FlakyWorker(IActorRef report, int incarnation)
        {
            report.Tell($"incarnation {incarnation}");
            ReceiveAsync<string>(async job =>
            {
                await Task.Delay(Second, Context.System.Scheduler.Clock);
                if (job == "fail")
                    throw new InvalidOperationException("async failure");
                report.Tell($"{incarnation} handled {job}");
            });
        }
    }

    /// <summary>Answers "ping" with "pong" after one virtual second; ignores anything else.</summary>
    private sealed class SlowServer : ReceiveActor
    {
        public SlowServer()
        {
            ReceiveAsync<string>(async _ =>
            {
                await Task.Delay(Second, Context.System.Scheduler.Clock);
                Sender.Tell("pong");
            }, s => s == "ping");
            Receive<string>(_ => { });
        }
    }

    /// <summary>Asks the server inside an async handler and replies with the outcome.</summary>
    private sealed class Client : ReceiveActor
    {
        public Client(IActorRef server)
        {
            ReceiveAsync<string>(async query =>
            {
                try
                {
                    var answer = await server.Ask<string>(query, TimeSpan.FromSeconds(3));
                    Sender.Tell($"answer {answer}");
                }
                catch (AskTimeoutException)
                {
                    Sender.Tell($"no answer to {query}");
                }
            });
        }
    }

    /// <summary>Records its handler's steps and its PostStop in a list; the handler waits for the gate the test holds.</summary>
    private sealed class PendingWorker : ReceiveActor
    {
        private readonly List<string> _steps;

        public PendingWorker(List<string> steps, IActorRef report, TaskCompletionSource gate)
        {
            _steps = steps;
            ReceiveAsync<string>(async job =>
            {
                steps.Add($"start {job}");
                await gate.Task;
                steps.Add($"end {job}");
                report.Tell($"end {job}");
            });
        }

        protected override void PostStop() => _steps.Add("postStop");
    }

    /// <summary>Handles every message with ReceiveAnyAsync; a message takes one virtual second.</summary>
    private sealed class AnyWorker : ReceiveActor
    {
        public AnyWorker(IActorRef report)
        {
            var running = 0;
            ReceiveAnyAsync(async message =>
            {
                running++;
                report.Tell($"start {message} with {running} running");
                await Task.Delay(Second, Context.System.Scheduler.Clock);
                report.Tell($"end {message}");
                running--;
            });
        }
    }

    [Fact]
    public void A_second_message_waits_until_the_first_handlers_virtual_delay_has_passed()
    {
        var worker = Sys.ActorOf(Props.Create(() => new SlowWorker(TestActor)), "worker");

        worker.Tell("a", TestActor);
        worker.Tell("b", TestActor);

        ExpectMsg("start a with 1 running");
        Assert.Equal(TimeSpan.Zero, Time.Elapsed);
        ExpectMsg("end a");
        Assert.Equal(Second, Time.Elapsed);
        ExpectMsg("start b with 1 running");
        Assert.Equal(Second, Time.Elapsed);
        ExpectMsg("end b");
        Assert.Equal(2 * Second, Time.Elapsed);
    }

    [Fact]
    public void A_second_message_waits_for_the_first_handlers_task_even_when_its_own_gate_opens_first()
    {
        var gates = new Dictionary<string, TaskCompletionSource> { ["a"] = new(), ["b"] = new() };
        var worker = Sys.ActorOf(Props.Create(() => new GatedWorker(TestActor, gates)), "worker");

        worker.Tell("a", TestActor);
        worker.Tell("b", TestActor);
        ExpectMsg("start a");
        ExpectNoMsg(TimeSpan.FromMinutes(1));

        gates["b"].SetResult();
        ExpectNoMsg(TimeSpan.FromMinutes(1));

        gates["a"].SetResult();
        ExpectMsg("end a");
        ExpectMsg("start b");
        ExpectMsg("end b");
    }

    [Fact]
    public void Sender_and_Self_are_those_of_the_handled_message_after_awaits()
    {
        var replier = Sys.ActorOf(Props.Create(() => new LateReplier()), "replier");
        var probe = CreateTestProbe();

        replier.Tell("first", probe.Ref);
        replier.Tell("second", TestActor);

        var first = probe.ExpectMsg<Answer>();
        Assert.Equal(Second, Time.Elapsed);
        Assert.Equal(new Answer("first", probe.Ref, replier, replier), first);
        Assert.Equal(replier, probe.LastSender);

        var second = ExpectMsg<Answer>();
        Assert.Equal(2 * Second, Time.Elapsed);
        Assert.Equal(new Answer("second", TestActor, replier, replier), second);
    }

    [Fact]
    public void A_failing_async_handler_restarts_the_actor_and_its_message_is_dropped()
    {
        var incarnations = 0;
        var worker = Sys.ActorOf(Props.Create(() => new FlakyWorker(TestActor, ++incarnations)), "worker");
        ExpectMsg("incarnation 1");

        var error = ExpectEvent<Error>(() =>
        {
            worker.Tell("fail", TestActor);
            worker.Tell("next", TestActor);
        });

        Assert.Equal("async failure", error.Cause?.Message);
        Assert.Equal(worker.Path.ToString(), error.LogSource);
        Assert.Equal(Second, Time.Elapsed);
        ExpectMsg("incarnation 2");
        ExpectMsg("2 handled next");
        Assert.Equal(2 * Second, Time.Elapsed);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
        Assert.Equal(2, incarnations);
    }

    [Fact]
    public void Ask_awaited_inside_an_async_handler_completes_with_the_reply_at_its_virtual_time()
    {
        var server = Sys.ActorOf(Props.Create(() => new SlowServer()), "server");
        var client = Sys.ActorOf(Props.Create(() => new Client(server)), "client");

        client.Tell("ping", TestActor);

        ExpectMsg("answer pong");
        Assert.Equal(Second, Time.Elapsed);
    }

    [Fact]
    public void Ask_awaited_inside_an_async_handler_times_out_at_its_virtual_deadline()
    {
        var server = Sys.ActorOf(Props.Create(() => new SlowServer()), "server");
        var client = Sys.ActorOf(Props.Create(() => new Client(server)), "client");

        client.Tell("hello?", TestActor);
        client.Tell("ping", TestActor);

        ExpectMsg("no answer to hello?");
        Assert.Equal(TimeSpan.FromSeconds(3), Time.Elapsed);
        ExpectMsg("answer pong");
        Assert.Equal(TimeSpan.FromSeconds(4), Time.Elapsed);
    }

    [Fact]
    public void Stopping_an_actor_whose_async_handler_is_pending_runs_PostStop_and_none_of_the_handlers_remaining_code()
    {
        var steps = new List<string>();
        var gate = new TaskCompletionSource();
        var worker = Sys.ActorOf(Props.Create(() => new PendingWorker(steps, TestActor, gate)), "worker");
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        Watch(worker);
        worker.Tell("a", TestActor);
        worker.Tell("b", TestActor);
        RunUntilIdle();
        Assert.Equal(["start a"], steps);

        Sys.Stop(worker);
        ExpectTerminated(worker);
        Assert.Equal(["start a", "postStop"], steps);
        Assert.Equal(new DeadLetter("b", TestActor, worker), deadLetters.ExpectMsg<DeadLetter>());

        gate.SetResult();
        RunUntilIdle();

        Assert.Equal(["start a", "postStop"], steps);
        ExpectNoMsg(TimeSpan.FromMinutes(1));
        deadLetters.ExpectNoMsg();
    }

    [Fact]
    public void ReceiveAnyAsync_handles_messages_of_any_type_one_at_a_time()
    {
        var worker = Sys.ActorOf(Props.Create(() => new AnyWorker(TestActor)), "worker");

        worker.Tell("a", TestActor);
        worker.Tell(2, TestActor);

        ExpectMsg("start a with 1 running");
        Assert.Equal(TimeSpan.Zero, Time.Elapsed);
        ExpectMsg("end a");
        Assert.Equal(Second, Time.Elapsed);
        ExpectMsg("start 2 with 1 running");
        Assert.Equal(Second, Time.Elapsed);
        ExpectMsg("end 2");
        Assert.Equal(2 * Second, Time.Elapsed);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }
}
