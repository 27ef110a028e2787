namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>
/// Restarts that overlap other work: a second restart request while one waits for its children, children failing or
/// stopping during a parent's restart, restart loops in virtual time; and Ask's temporary sender as a watchable actor.
/// </summary>
public sealed class RestartEdgeCaseSpec : TestKit
{
    private sealed class Boom(string m) : Exception(m);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    /// <summary>Creates x and s once (PreStart only); on restart stops x but keeps s.</summary>
    private sealed class Keeper : ReceiveActor
    {
        public Keeper()
        {
            Receive<string>(_ => throw new Boom("keeper"), s => s == "fail");
            Receive<string>(_ => Sender.Tell(Context.Child("s")), s => s == "s");
            Receive<string>(s => Sender.Tell("keeper:" + s));
        }

        protected override void PreStart()
        {
            Context.ActorOf(Props.Create(() => new Echo()), "x");
            Context.ActorOf(Props.Create(() => new Echo()), "s");
        }

        protected override void PreRestart(Exception reason, object? message) => Context.Stop(Context.Child("x"));

        protected override void PostRestart(Exception reason)
        {
        }
    }

    private sealed class Failer : ReceiveActor
    {
        public Failer()
        {
            Receive<string>(_ => throw new Boom("failer"), s => s == "fail");
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    private sealed class AfoParent : ReceiveActor
    {
        public AfoParent()
        {
            Context.ActorOf(Props.Create(() => new Keeper()), "a");
            Context.ActorOf(Props.Create(() => new Failer()), "b");
            Receive<string>(n => Sender.Tell(Context.Child(n)));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new AllForOneStrategy(_ => Directive.Restart);
    }

    [Fact]
    public void A_second_restart_request_joining_a_pending_one_resumes_the_children_the_restart_keeps()
    {
        var p = Sys.ActorOf(Props.Create(() => new AfoParent()), "p");
        p.Tell("a", TestActor);
        var a = ExpectMsg<IActorRef>();
        p.Tell("b", TestActor);
        var b = ExpectMsg<IActorRef>();
        a.Tell("s", TestActor);
        var s = ExpectMsg<IActorRef>();
        s.Tell("ping1", TestActor);
        ExpectMsg("ping1");

        a.Tell("fail");
        b.Tell("fail");
        RunUntilIdle();

        a.Tell("hello", TestActor);
        ExpectMsg("keeper:hello");
        b.Tell("hi", TestActor);
        ExpectMsg("hi");
        s.Tell("ping2", TestActor);
        ExpectMsg("ping2");
    }

    private sealed class Y(TaskCompletionSource tcs) : ReceiveActor
    {
        protected override void PostStop() => tcs.TrySetException(new Boom("late"));
    }

    private sealed class X(TaskCompletionSource tcs) : ReceiveActor
    {
        protected override void PreStart() => Context.ActorOf(Props.Create(() => new Y(tcs)), "y");
    }

    private sealed class Waiter : ReceiveActor
    {
        public Waiter(TaskCompletionSource tcs) => ReceiveAsync<string>(async _ => await tcs.Task);
    }

    private sealed class StrictKeeper : ReceiveActor
    {
        private readonly TaskCompletionSource _tcs;

        public StrictKeeper(TaskCompletionSource tcs)
        {
            _tcs = tcs;
            Receive<string>(_ => throw new Boom("keeper"), s => s == "fail");
            Receive<string>(_ => Sender.Tell(Context.Child("s")), s => s == "s");
        }

        protected override void PreStart()
        {
            var tcs = _tcs;
            Context.ActorOf(Props.Create(() => new Waiter(tcs)), "s");
            Context.ActorOf(Props.Create(() => new X(tcs)), "x");
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

        protected override void PreRestart(Exception reason, object? message) => Context.Stop(Context.Child("x"));

        protected override void PostRestart(Exception reason)
        {
        }
    }

    [Fact]
    public void A_child_failing_while_its_parent_restart_waits_is_supervised_by_the_parents_strategy()
    {
        var tcs = new TaskCompletionSource();
        var a = Sys.ActorOf(Props.Create(() => new StrictKeeper(tcs)), "a");
        a.Tell("s", TestActor);
        var s = ExpectMsg<IActorRef>();
        s.Tell("wait");
        RunUntilIdle();
        Watch(s);
        a.Tell("fail");
        ExpectTerminated(s); // the parent's strategy says Stop
    }

    private sealed class WatchesRequester : ReceiveActor
    {
        public WatchesRequester(IActorRef probe)
        {
            Receive<string>(_ =>
            {
                Context.Watch(Sender);
                Sender.Tell("reply");
            });
            Receive<Terminated>(t => probe.Tell("terminated"));
        }
    }

    [Fact]
    public void Watching_the_temporary_sender_of_an_Ask_gives_one_Terminated_when_the_Ask_completes()
    {
        var probe = TestActor;
        var w = Sys.ActorOf(Props.Create(() => new WatchesRequester(probe)), "w");
        Assert.Equal("reply", Result(w.Ask<string>("q")));
        ExpectMsg("terminated");
    }

    private sealed class NeverStarts : ReceiveActor
    {
        protected override void PreStart() => throw new Boom("no start");
    }

    private sealed class RestartsForever : ReceiveActor
    {
        public RestartsForever() => Context.ActorOf(Props.Create(() => new NeverStarts()), "bad");

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);
    }

    [Fact]
    public void A_restart_loop_at_one_instant_of_virtual_time_fails_RunUntilIdle_naming_an_actor_of_the_loop()
    {
        Time.RunQueue.MaxTurnsPerRun = 10_000;
        Sys.ActorOf(Props.Create(() => new RestartsForever()), "r");

        var error = Assert.Throws<InvalidOperationException>(RunUntilIdle);

        Assert.StartsWith("the actors did not become idle within 10000 turns at one instant of virtual time; the last turn was the mailbox of shampoo://test/user/r", error.Message);
        Assert.Equal(TimeSpan.Zero, Time.Elapsed);
        Time.RunQueue.MaxTurnsPerRun = int.MaxValue;
    }

    [Fact]
    public void An_Ask_cancelled_by_its_token_ends_Canceled_not_Faulted()
    {
        var silent = CreateTestProbe();
        var task = silent.Ref.Ask<string>("anyone?", TimeSpan.FromSeconds(5), new CancellationToken(canceled: true));
        Assert.ThrowsAny<OperationCanceledException>(() => Result(task));
        Assert.True(task.IsCanceled);
    }

    /// <summary>Stops only after its own child has: its Terminated comes after its parent's restart has begun.</summary>
    private sealed class SlowStopper : ReceiveActor
    {
        protected override void PreStart() => Context.ActorOf(Props.Create(() => new Echo()), "grandchild");
    }

    private sealed class WatchingParent : ReceiveActor
    {
        public WatchingParent(IActorRef probe)
        {
            Receive<string>(_ =>
            {
                Context.Stop(Context.Child("x"));
                throw new Boom("after stopping x");
            }, s => s == "stop-x-and-fail");
            Receive<Terminated>(t => probe.Tell($"terminated {t.ActorRef.Path.Name}"));
        }

        protected override void PreStart() => Context.Watch(Context.ActorOf(Props.Create(() => new SlowStopper()), "x"));
    }

    [Fact]
    public void A_restarted_actor_gets_no_Terminated_of_a_child_its_old_instance_was_stopping()
    {
        var probe = TestActor;
        var p = Sys.ActorOf(Props.Create(() => new WatchingParent(probe)), "p");
        RunUntilIdle();
        p.Tell("stop-x-and-fail");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    private sealed class WatchingParentNoHandler : ReceiveActor
    {
        public WatchingParentNoHandler()
        {
            Receive<string>(_ =>
            {
                Context.Stop(Context.Child("x"));
                throw new Boom("after stopping x");
            }, s => s == "stop-x-and-fail");
            Receive<string>(s => Sender.Tell(s));
        }

        protected override void PreStart() => Context.Watch(Context.ActorOf(Props.Create(() => new SlowStopper()), "x"));
    }

    [Fact]
    public void A_restarted_actor_does_not_die_of_a_death_pact_with_its_old_instances_child()
    {
        var p = Sys.ActorOf(Props.Create(() => new WatchingParentNoHandler()), "p");
        Watch(p);
        p.Tell("stop-x-and-fail");
        p.Tell("still there?", TestActor);
        ExpectMsg("still there?");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }
}
