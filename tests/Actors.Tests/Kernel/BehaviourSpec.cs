namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>Become, the behaviour stack, the stash, and where handlers may be registered.</summary>
public sealed class BehaviourSpec : TestKit
{
    private sealed record Tick;

    /// <summary>
    /// Answers "who" with its mood's name; "become X", "push X" and "pop" change the mood. Only the constructor's mood
    /// handles ints.
    /// </summary>
    private sealed class Moody : ReceiveActor
    {
        public Moody()
        {
            Mood("A");
            Receive<int>(i => Sender.Tell($"A:{i}"));
        }

        private void Mood(string name)
        {
            Receive<string>(_ => Sender.Tell(name), s => s == "who");
            Receive<string>(s => Become(() => Mood(s["become ".Length..])), s => s.StartsWith("become ", StringComparison.Ordinal));
            Receive<string>(s => BecomeStacked(() => Mood(s["push ".Length..])), s => s.StartsWith("push ", StringComparison.Ordinal));
            Receive<string>(_ => UnbecomeStacked(), s => s == "pop");
        }
    }

    /// <summary>Closed: stashes everything. "open" unstashes all and reports what comes; "open-one" lets the oldest through.</summary>
    private sealed class Gate : ReceiveActor, IWithStash
    {
        private readonly IActorRef _report;

        public Gate(IActorRef report)
        {
            _report = report;
            Closed();
        }

        public IStash Stash { get; set; } = null!;

        private void Closed()
        {
            Receive<string>(_ =>
            {
                Become(Open);
                Stash.UnstashAll();
            }, s => s == "open");
            Receive<string>(_ =>
            {
                Stash.Unstash();
                BecomeStacked(OpenForOne);
            }, s => s == "open-one");
            Receive<string>(_ =>
            {
                Stash.Stash();
                try
                {
                    Stash.Stash();
                    _report.Tell("stashed twice");
                }
                catch (InvalidOperationException)
                {
                    _report.Tell("refused to stash twice");
                }
            }, s => s == "stash twice");
            ReceiveAny(_ => Stash.Stash());
        }

        private void Open()
        {
            Receive<string>(_ => Become(Closed), s => s == "close");
            ReceiveAny(m => _report.Tell(m));
        }

        private void OpenForOne() =>
            ReceiveAny(m =>
            {
                _report.Tell(m);
                UnbecomeStacked();
            });
    }

    /// <summary>The first incarnation stashes everything and crashes on "crash"; later ones report what they get.</summary>
    private sealed class CrashingStasher : ReceiveActor, IWithStash
    {
        public CrashingStasher(IActorRef report, int incarnation)
        {
            if (incarnation == 1)
            {
                Receive<string>(_ => throw new InvalidOperationException("crash"), s => s == "crash");
                ReceiveAny(_ => Stash.Stash());
            }
            else
            {
                ReceiveAny(m => report.Tell($"{incarnation}:{m}"));
            }
        }

        public IStash Stash { get; set; } = null!;
    }

    private sealed class LateRegistrar : ReceiveActor
    {
        public LateRegistrar()
        {
            Receive<string>(_ => Sender.Tell(TryRegister()), s => s == "register");
            Receive<string>(_ => Become(() =>
            {
                Receive<string>(_ => Sender.Tell(TryRegister()), s => s == "register");
                Receive<double>(d => Sender.Tell($"double {d}"));
            }), s => s == "become");
        }

        private string TryRegister()
        {
            try
            {
                Receive<int>(i => Sender.Tell($"int {i}"));
                return "registered";
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }
    }

    private IActorRef Moodster() => Sys.ActorOf(Props.Create(() => new Moody()), "moody");

    private void Tell(IActorRef actor, params object[] messages)
    {
        foreach (var message in messages)
            actor.Tell(message, TestActor);
    }

    [Fact]
    public void Become_replaces_the_behaviour_from_the_next_message_on()
    {
        var actor = Moodster();

        Tell(actor, 1, "who", "become B", "who");
        ExpectMsg("A:1");
        ExpectMsg("A");
        ExpectMsg("B");

        var unhandled = ExpectEvent<UnhandledMessage>(() => actor.Tell(2, TestActor));
        Assert.Equal(2, unhandled.Message);
        ExpectNoMsg();
    }

    [Fact]
    public void BecomeStacked_pushes_and_UnbecomeStacked_pops_back_to_the_behaviour_below()
    {
        var actor = Moodster();

        Tell(actor, "push B", "push C", "who", "pop", "who", "pop", "who", 3);

        ExpectMsg("C");
        ExpectMsg("B");
        ExpectMsg("A");
        ExpectMsg("A:3");
    }

    [Fact]
    public void UnbecomeStacked_never_pops_the_constructors_behaviour()
    {
        var actor = Moodster();

        Tell(actor, "pop", "pop", "who", 4);

        ExpectMsg("A");
        ExpectMsg("A:4");
    }

    [Fact]
    public void UnbecomeStacked_after_Become_returns_to_the_constructors_behaviour()
    {
        var actor = Moodster();

        Tell(actor, "become B", "become C", "who", "pop", "who", 5);

        ExpectMsg("C");
        ExpectMsg("A");
        ExpectMsg("A:5");
    }

    [Fact]
    public void Become_replaces_only_the_top_of_the_behaviour_stack()
    {
        var actor = Moodster();

        Tell(actor, "push B", "push C", "become D", "who", "pop", "who", "pop", "who");

        ExpectMsg("D");
        ExpectMsg("B");
        ExpectMsg("A");
    }

    [Fact]
    public void UnstashAll_puts_the_stashed_messages_back_in_front_in_their_original_order_before_later_mail()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)), "gate");

        Tell(gate, 1, 2, 3, "open", 4, "close", 5, 6, "open", 7);

        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7 }, ReceiveN(7).Cast<int>());
        ExpectNoMsg();
    }

    [Fact]
    public void Unstash_puts_back_only_the_oldest_stashed_message()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)), "gate");

        Tell(gate, 1, 2, 3, "open-one");
        ExpectMsg(1);
        ExpectNoMsg();

        Tell(gate, "open-one", 4, "open");
        ExpectMsg(2);
        ExpectMsg(3);
        ExpectMsg(4);
    }

    [Fact]
    public void The_same_delivery_cannot_be_stashed_twice()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)), "gate");

        Tell(gate, "stash twice");

        ExpectMsg("refused to stash twice");
        Tell(gate, "open");
        ExpectMsg("stash twice");
        ExpectNoMsg();
    }

    [Fact]
    public void A_message_instance_delivered_twice_is_stashed_both_times()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)), "gate");
        var tick = new Tick();

        Tell(gate, tick, tick, "open");

        Assert.Same(tick, ExpectMsg<Tick>());
        Assert.Same(tick, ExpectMsg<Tick>());
        ExpectNoMsg();
    }

    [Fact]
    public void Stashed_messages_survive_a_restart_and_reach_the_new_instance_before_later_mail()
    {
        var incarnations = 0;
        var actor = Sys.ActorOf(Props.Create(() => new CrashingStasher(TestActor, ++incarnations)), "stasher");

        Tell(actor, "a", "b", "crash", "c");

        ExpectMsg("2:a");
        ExpectMsg("2:b");
        ExpectMsg("2:c");
        Assert.Equal(2, incarnations);
    }

    [Fact]
    public void Handlers_cannot_be_registered_while_a_message_is_handled()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LateRegistrar()), "late");

        Tell(actor, "register");
        Assert.Contains("in its constructor or inside Become", ExpectMsg<string>());
        var unhandled = ExpectEvent<UnhandledMessage>(() => actor.Tell(1, TestActor));
        Assert.Equal(1, unhandled.Message);

        Tell(actor, "become", 2.5, "register");
        ExpectMsg("double 2.5");
        Assert.Contains("in its constructor or inside Become", ExpectMsg<string>());
        ExpectEvent<UnhandledMessage>(() => actor.Tell(2, TestActor));
    }
}
