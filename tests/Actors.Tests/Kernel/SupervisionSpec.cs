namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>
/// Supervision: what a restart keeps and drops, the order of the lifecycle hooks around it, the directives, the default
/// decider, restart limits within a window (on the virtual clock), all-for-one, escalation and the error events.
/// </summary>
public sealed class SupervisionSpec : TestKit
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private sealed class TestFailure(string message) : Exception(message);

    /// <summary>What a family of test actors did, in order; shared by every incarnation (virtual time runs on one thread).</summary>
    private sealed class Journal
    {
        private readonly Dictionary<string, int> _created = [];

        public List<string> Entries { get; } = [];

        public Exception? PreRestartReason { get; set; }

        public object? PreRestartMessage { get; set; }

        public Dictionary<string, (Exception Reason, object? Message)> PreRestarts { get; } = [];

        public Exception? PostRestartReason { get; set; }

        public List<Exception> Decided { get; } = [];

        public int NextIncarnation(string name)
        {
            var n = _created.GetValueOrDefault(name) + 1;
            _created[name] = n;
            return n;
        }

        public int Created(string name) => _created.GetValueOrDefault(name);

        public void Add(string entry) => Entries.Add(entry);
    }

    private sealed record Spawn(Props Props, string Name);

    private sealed record Fail(Exception Cause);

    /// <summary>A parent that creates children on request and supervises them with the strategy it is given.</summary>
    private sealed class Parent : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Parent(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<Spawn>(s => Sender.Tell(Context.ActorOf(s.Props, s.Name)));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    /// <summary>
    /// Replies "message@incarnation" to strings, counts "inc", answers "get" with the count, throws the cause of a
    /// <see cref="Fail"/>, and journals its lifecycle hooks as "hook:name#incarnation".
    /// </summary>
    private sealed class Worker : ReceiveActor
    {
        private readonly Journal _journal;
        private readonly string _name;
        private readonly int _incarnation;
        private int _count;

        public Worker(Journal journal, string name)
        {
            _journal = journal;
            _name = name;
            _incarnation = journal.NextIncarnation(name);
            journal.Add($"ctor:{Tag}");
            Receive<Fail>(f =>
            {
                journal.Add($"fail:{Tag}");
                throw f.Cause;
            });
            Receive<string>(_ => _count++, s => s == "inc");
            Receive<string>(_ => Sender.Tell(_count), s => s == "get");
            Receive<string>(s => Sender.Tell($"{s}@{_incarnation}"));
        }

        private string Tag => $"{_name}#{_incarnation}";

        protected override void PreStart() => _journal.Add($"preStart:{Tag}");

        protected override void PostStop() => _journal.Add($"postStop:{Tag}");

        protected override void PreRestart(Exception reason, object? message)
        {
            _journal.Add($"preRestart:{Tag}");
            _journal.PreRestartReason = reason;
            _journal.PreRestartMessage = message;
            _journal.PreRestarts[_name] = (reason, message);
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _journal.Add($"postRestart:{Tag}");
            _journal.PostRestartReason = reason;
            base.PostRestart(reason);
        }
    }

    /// <summary>A worker that creates a worker child called "kid" in its constructor and supervises it with a given strategy.</summary>
    private sealed class WorkerWithKid : ReceiveActor
    {
        private readonly Journal _journal;
        private readonly string _name;
        private readonly int _incarnation;
        private readonly SupervisorStrategy _strategy;

        public WorkerWithKid(Journal journal, string name, SupervisorStrategy strategy)
        {
            _journal = journal;
            _name = name;
            _strategy = strategy;
            _incarnation = journal.NextIncarnation(name);
            journal.Add($"ctor:{Tag}");
            Context.ActorOf(Props.Create(() => new Worker(journal, "kid")), "kid");
            Receive<Fail>(f => throw f.Cause);
            Receive<string>(_ => Sender.Tell(Context.Child("kid")), s => s == "kid");
        }

        private string Tag => $"{_name}#{_incarnation}";

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;

        protected override void PostStop() => _journal.Add($"postStop:{Tag}");

        protected override void PostRestart(Exception reason)
        {
            _journal.Add($"postRestart:{Tag}");
            base.PostRestart(reason);
        }
    }

    private static Props WorkerProps(Journal journal, string name) => Props.Create(() => new Worker(journal, name));

    private IActorRef ParentWith(SupervisorStrategy strategy, string name = "parent") =>
        Sys.ActorOf(Props.Create(() => new Parent(strategy)), name);

    private IActorRef SpawnUnder(IActorRef parent, Props props, string name) =>
        Result(parent.Ask<IActorRef>(new Spawn(props, name)));

    private static Directive Decide(Journal journal, Exception cause, Directive directive)
    {
        journal.Decided.Add(cause);
        return directive;
    }

    // ---- restart: mailbox and lifecycle ----

    [Fact]
    public void A_restart_drops_the_failing_message_and_the_new_instance_processes_the_messages_queued_behind_it()
    {
        var journal = new Journal();
        var worker = Sys.ActorOf(WorkerProps(journal, "w"), "w");
        worker.Tell("a", TestActor);
        worker.Tell(new Fail(new TestFailure("boom")), TestActor);
        worker.Tell("b", TestActor);
        worker.Tell("c", TestActor);

        ExpectMsg("a@1");
        ExpectMsg("b@2");
        ExpectMsg("c@2");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(2, journal.Created("w"));
        Assert.Single(journal.Entries, e => e.StartsWith("fail:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_restart_runs_PreRestart_on_the_old_instance_then_PostStop_then_the_new_constructor_PostRestart_and_PreStart()
    {
        var journal = new Journal();
        var worker = Sys.ActorOf(WorkerProps(journal, "w"), "w");
        RunUntilIdle();
        Assert.Equal(["ctor:w#1", "preStart:w#1"], journal.Entries);
        journal.Entries.Clear();

        var cause = new TestFailure("boom");
        var failing = new Fail(cause);
        worker.Tell(failing, TestActor);
        RunUntilIdle();

        Assert.Equal(
            ["fail:w#1", "preRestart:w#1", "postStop:w#1", "ctor:w#2", "postRestart:w#2", "preStart:w#2"],
            journal.Entries);
        Assert.Same(cause, journal.PreRestartReason);
        Assert.Same(failing, journal.PreRestartMessage);
        Assert.Same(cause, journal.PostRestartReason);
    }

    [Fact]
    public void PreRestart_gets_the_failing_message_as_the_actor_received_it_also_a_Terminated()
    {
        var journal = new Journal();
        var watched = Sys.ActorOf(WorkerProps(journal, "watched"), "watched");
        var cause = new TestFailure("the Terminated handler failed");
        var watcher = Sys.ActorOf(Props.Create(() => new FailingOnTerminated(journal, watched, cause)), "watcher");
        RunUntilIdle();

        Sys.Stop(watched);
        RunUntilIdle();

        Assert.Equal(2, journal.Created("watcher"));
        Assert.Same(cause, journal.PreRestartReason);
        var terminated = Assert.IsType<Terminated>(journal.PreRestartMessage);
        Assert.Equal(watched, terminated.ActorRef);
        Assert.NotNull(watcher);
    }

    private sealed class FailingOnTerminated : ReceiveActor
    {
        private readonly Journal _journal;

        public FailingOnTerminated(Journal journal, IActorRef watched, Exception cause)
        {
            _journal = journal;
            if (journal.NextIncarnation("watcher") == 1)
                Context.Watch(watched); // only once: a new instance watching the dead actor would fail again, forever
            Receive<Terminated>(_ => throw cause);
        }

        protected override void PreRestart(Exception reason, object? message)
        {
            _journal.PreRestartReason = reason;
            _journal.PreRestartMessage = message;
            base.PreRestart(reason, message);
        }
    }

    [Fact]
    public void A_restart_stops_the_children_of_the_old_instance_before_the_new_instance_is_created()
    {
        var journal = new Journal();
        var parent = Sys.ActorOf(
            Props.Create(() => new WorkerWithKid(journal, "p", SupervisorStrategy.DefaultStrategy)), "p");
        RunUntilIdle();
        var firstKid = Result(parent.Ask<IActorRef>("kid"));
        Watch(firstKid);
        journal.Entries.Clear();

        parent.Tell(new Fail(new TestFailure("parent fails")), TestActor);
        ExpectTerminated(firstKid);

        Assert.Equal(
            ["postStop:p#1", "postStop:kid#1", "ctor:p#2", "postRestart:p#2", "ctor:kid#2", "preStart:kid#2"],
            journal.Entries);
        var secondKid = Result(parent.Ask<IActorRef>("kid"));
        Assert.NotEqual(firstKid, secondKid);
        Assert.Equal("kid", secondKid.Path.Name);
    }

    // ---- directives ----

    [Fact]
    public void Resume_keeps_the_instance_and_its_state_and_drops_only_the_failing_message()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(_ => Directive.Resume));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");

        child.Tell("inc");
        child.Tell("inc");
        child.Tell(new Fail(new TestFailure("boom")));
        child.Tell("inc");
        child.Tell("get", TestActor);

        ExpectMsg(3);
        Assert.Equal(1, journal.Created("c"));
        Assert.DoesNotContain(journal.Entries, e => e.StartsWith("preRestart:", StringComparison.Ordinal) || e.StartsWith("postStop:", StringComparison.Ordinal));
    }

    [Fact]
    public void Stop_directive_stops_the_child_which_runs_PostStop_once_and_is_not_recreated()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(_ => Directive.Stop));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);

        child.Tell(new Fail(new TestFailure("boom")));

        ExpectTerminated(child);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(1, journal.Created("c"));
        Assert.Equal(["ctor:c#1", "preStart:c#1", "fail:c#1", "postStop:c#1"], journal.Entries);
    }

    /// <summary>Its first constructor throws; later ones succeed. Replies "message@incarnation" to strings.</summary>
    private sealed class ThrowsInFirstConstructor : ReceiveActor
    {
        private readonly Journal _journal;
        private readonly int _incarnation;

        public ThrowsInFirstConstructor(Journal journal)
        {
            _journal = journal;
            _incarnation = journal.NextIncarnation("t");
            journal.Add($"ctor:t#{_incarnation}");
            if (_incarnation == 1)
                throw new TestFailure("constructor #1");
            Receive<string>(s => Sender.Tell($"{s}@{_incarnation}"));
        }

        protected override void PreStart() => _journal.Add($"preStart:t#{_incarnation}");

        protected override void PostStop() => _journal.Add($"postStop:t#{_incarnation}");
    }

    [Fact]
    public void Resume_of_an_actor_whose_constructor_threw_creates_it_again_and_it_processes_later_messages()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(_ => Directive.Resume));
        var child = SpawnUnder(parent, Props.Create(() => new ThrowsInFirstConstructor(journal)), "t");
        Watch(child);

        child.Tell("hello", TestActor);
        child.Tell("again", TestActor);

        ExpectMsg("hello@2");
        ExpectMsg("again@2");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(2, journal.Created("t"));
        Assert.Equal(["ctor:t#1", "ctor:t#2", "preStart:t#2"], journal.Entries);
    }

    // ---- the default decider ----

    [Fact]
    public void The_default_decider_stops_on_initialization_kill_and_death_pact_and_restarts_on_anything_else()
    {
        var nobody = ActorRefs.Nobody;
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorInitializationException(nobody, "x", null)));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorKilledException("x")));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new DeathPactException(nobody)));
        Assert.Equal(Directive.Restart, SupervisorStrategy.DefaultDecider(new InvalidOperationException()));
        Assert.Equal(Directive.Restart, SupervisorStrategy.DefaultDecider(new TestFailure("x")));
        Assert.Equal(Directive.Restart, SupervisorStrategy.DefaultDecider(new AggregateException()));
    }

    private sealed class ThrowsInConstructor : ReceiveActor
    {
        public ThrowsInConstructor(Journal journal, int failFromIncarnation)
        {
            var n = journal.NextIncarnation("t");
            if (n >= failFromIncarnation)
                throw new TestFailure($"constructor #{n}");
            Receive<Fail>(f => throw f.Cause);
            Receive<string>(s => Sender.Tell($"{s}@{n}"));
        }
    }

    private sealed class ThrowsInPreStart : ReceiveActor
    {
        private readonly Journal _journal;

        public ThrowsInPreStart(Journal journal)
        {
            _journal = journal;
            journal.NextIncarnation("t");
            ReceiveAny(m => Sender.Tell(m));
        }

        protected override void PreStart() => throw new TestFailure("PreStart");

        protected override void PostRestart(Exception reason)
        {
            _journal.Add("postRestart");
            base.PostRestart(reason);
        }
    }

    [Fact]
    public void The_default_decider_stops_an_actor_whose_constructor_throws()
    {
        var journal = new Journal();
        IActorRef? actor = null;

        var error = ExpectEvent<Error>(
            () => actor = Sys.ActorOf(Props.Create(() => new ThrowsInConstructor(journal, 1)), "t"),
            e => e.Cause is ActorInitializationException);

        Assert.IsType<TestFailure>(error.Cause!.InnerException);
        Watch(actor!);
        ExpectTerminated(actor!);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(1, journal.Created("t"));
    }

    [Fact]
    public void The_default_decider_stops_an_actor_whose_PreStart_throws()
    {
        var journal = new Journal();
        var actor = Sys.ActorOf(Props.Create(() => new ThrowsInPreStart(journal)), "t");
        Watch(actor);

        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(1, journal.Created("t"));
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public void The_default_decider_stops_an_actor_whose_constructor_throws_during_a_restart()
    {
        var journal = new Journal();
        var actor = Sys.ActorOf(Props.Create(() => new ThrowsInConstructor(journal, 2)), "t");
        Watch(actor);
        actor.Tell("hello", TestActor);
        ExpectMsg("hello@1");

        var error = ExpectEvent<Error>(
            () => actor.Tell(new Fail(new TestFailure("first failure"))),
            e => e.Cause is ActorInitializationException);

        Assert.IsType<TestFailure>(error.Cause!.InnerException);
        ExpectTerminated(actor);
        Assert.Equal(2, journal.Created("t"));
    }

    [Fact]
    public void The_default_decider_stops_a_killed_actor()
    {
        var journal = new Journal();
        var actor = Sys.ActorOf(WorkerProps(journal, "k"), "k");
        Watch(actor);

        var error = ExpectEvent<Error>(() => actor.Tell(Kill.Instance), e => e.Cause is ActorKilledException);

        Assert.Equal(actor.Path.ToString(), error.LogSource);
        ExpectTerminated(actor);
        Assert.Equal(1, journal.Created("k"));
        Assert.Equal(["ctor:k#1", "preStart:k#1", "postStop:k#1"], journal.Entries);
    }

    private sealed class WatchesWithoutHandler : ReceiveActor
    {
        public WatchesWithoutHandler(Journal journal, IActorRef watched)
        {
            journal.NextIncarnation("pact");
            Context.Watch(watched);
            Receive<string>(s => Sender.Tell(s));
        }
    }

    [Fact]
    public void The_default_decider_stops_an_actor_that_does_not_handle_the_Terminated_of_an_actor_it_watches()
    {
        var journal = new Journal();
        var watched = Sys.ActorOf(WorkerProps(journal, "watched"), "watched");
        var pact = Sys.ActorOf(Props.Create(() => new WatchesWithoutHandler(journal, watched)), "pact");
        Watch(pact);

        var error = ExpectEvent<Error>(() => Sys.Stop(watched), e => e.Cause is DeathPactException);

        Assert.Equal(watched, ((DeathPactException)error.Cause!).DeadActor);
        ExpectTerminated(pact);
        Assert.Equal(1, journal.Created("pact"));
    }

    [Fact]
    public void The_default_decider_restarts_on_any_other_exception()
    {
        var journal = new Journal();
        var worker = Sys.ActorOf(WorkerProps(journal, "w"), "w");
        Watch(worker);

        worker.Tell(new Fail(new InvalidOperationException("1")));
        worker.Tell(new Fail(new ArgumentException("2")));
        worker.Tell(new Fail(new TestFailure("3")));
        worker.Tell(new Fail(new TimeoutException("4")));
        worker.Tell("after", TestActor);

        ExpectMsg("after@5");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(5, journal.Created("w"));
    }

    // ---- restart limits ----

    [Fact]
    public void With_n_retries_within_a_window_the_failure_n_plus_1_inside_the_window_stops_the_child()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(3, TimeSpan.FromSeconds(10), _ => Directive.Restart));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);

        for (var i = 1; i <= 3; i++)
        {
            Advance(TimeSpan.FromSeconds(2));
            FailAndExpectRestart(child, i);
        }

        Advance(TimeSpan.FromSeconds(2)); // 8 s after the first failure: still inside its window
        child.Tell(new Fail(new TestFailure("failure 4")));
        ExpectTerminated(child, TimeSpan.Zero);
        Assert.Equal(4, journal.Created("c"));
    }

    [Fact]
    public void Failures_that_each_fall_in_a_new_window_keep_restarting_the_child()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(1, TimeSpan.FromSeconds(1), _ => Directive.Restart));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);

        for (var i = 1; i <= 6; i++)
        {
            FailAndExpectRestart(child, i);
            Advance(TimeSpan.FromSeconds(1) + Tick);
        }

        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(7, journal.Created("c"));
    }

    [Fact]
    public void A_window_starts_at_its_first_failure_and_the_first_failure_after_it_ends_opens_the_next()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(2, TimeSpan.FromSeconds(1), _ => Directive.Restart));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);
        static TimeSpan ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

        // Failures at 0 and 0.6 s fill the window [0, 1 s]; 1.2 s opens [1.2, 2.2 s], filled at 1.8 s; 2.4 s opens
        // [2.4, 3.4 s] and 2.5 s fills it (a sliding window of 1 s would already hold 1.8, 2.4 and 2.5 s and stop the
        // child there); 2.6 s is the third failure of the window: one too many.
        var gaps = new[] { ms(0), ms(600), ms(600), ms(600), ms(600), ms(100) };
        for (var i = 0; i < gaps.Length; i++)
        {
            Advance(gaps[i]);
            child.Tell(new Fail(new TestFailure($"failure {i + 1}")));
            child.Tell("ping", TestActor);
            ExpectMsg($"ping@{i + 2}", TimeSpan.Zero);
        }

        Advance(ms(100));
        child.Tell(new Fail(new TestFailure("failure 7")));
        ExpectTerminated(child, TimeSpan.Zero);
        Assert.Equal(7, journal.Created("c"));
    }

    [Fact]
    public void A_failure_exactly_at_the_end_of_the_window_still_counts_in_it()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(1, TimeSpan.FromSeconds(1), _ => Directive.Restart));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);

        child.Tell(new Fail(new TestFailure("first")));
        child.Tell("ping", TestActor);
        ExpectMsg("ping@2", TimeSpan.Zero);

        Advance(TimeSpan.FromSeconds(1));
        child.Tell(new Fail(new TestFailure("second")));
        ExpectTerminated(child, TimeSpan.Zero);
        Assert.Equal(2, journal.Created("c"));
    }

    [Theory]
    [InlineData(3, -1)] // an infinite window
    [InlineData(2, 0)] // a zero window means none, as in Akka
    public void MaxNrOfRetries_without_a_window_counts_the_failures_of_the_whole_life(int retries, int windowSeconds)
    {
        var journal = new Journal();
        var window = windowSeconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(windowSeconds);
        var parent = ParentWith(new OneForOneStrategy(retries, window, _ => Directive.Restart));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);

        for (var i = 1; i <= retries; i++)
        {
            FailAndExpectRestart(child, i);
            Advance(TimeSpan.FromDays(1));
        }

        child.Tell(new Fail(new TestFailure($"failure {retries + 1}")));
        ExpectTerminated(child, TimeSpan.Zero);
        Assert.Equal(retries + 1, journal.Created("c"));
    }

    [Fact]
    public void Zero_retries_stop_the_child_at_its_first_failure()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(0, TimeSpan.FromSeconds(1), _ => Directive.Restart));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);

        child.Tell(new Fail(new TestFailure("first")));

        ExpectTerminated(child, TimeSpan.Zero);
        Assert.Equal(1, journal.Created("c"));
    }

    [Fact]
    public void Unlimited_retries_without_a_window_restart_a_child_however_often_it_fails()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Restart));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);

        for (var i = 0; i < 50; i++)
            child.Tell(new Fail(new TestFailure($"failure {i}")));
        child.Tell("ping", TestActor);

        ExpectMsg("ping@51", TimeSpan.Zero);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Unlimited_retries_with_a_window_allow_one_restart_per_window_as_in_Akka()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(maxNrOfRetries: -1, withinTimeRange: TimeSpan.FromSeconds(10), _ => Directive.Restart));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);

        child.Tell(new Fail(new TestFailure("first")));
        child.Tell("ping", TestActor);
        ExpectMsg("ping@2", TimeSpan.Zero);

        Advance(TimeSpan.FromSeconds(5)); // inside the window the first failure opened: a second restart is denied
        child.Tell(new Fail(new TestFailure("second")));
        ExpectTerminated(child, TimeSpan.Zero);
        Assert.Equal(2, journal.Created("c"));
    }

    [Fact]
    public void Unlimited_retries_with_a_window_restart_again_once_the_window_has_passed()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(maxNrOfRetries: -1, withinTimeRange: TimeSpan.FromSeconds(10), _ => Directive.Restart));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        Watch(child);

        child.Tell(new Fail(new TestFailure("first")));
        child.Tell("ping", TestActor);
        ExpectMsg("ping@2", TimeSpan.Zero);

        Advance(TimeSpan.FromSeconds(10) + Tick); // the window [0, 10 s] has passed: this failure opens the next one
        child.Tell(new Fail(new TestFailure("second")));
        child.Tell("ping", TestActor);
        ExpectMsg("ping@3", TimeSpan.Zero);

        Advance(TimeSpan.FromSeconds(10)); // exactly at the end of the second window: still inside it
        child.Tell(new Fail(new TestFailure("third")));
        ExpectTerminated(child, TimeSpan.Zero);
        Assert.Equal(3, journal.Created("c"));
    }

    // ---- all-for-one ----

    [Fact]
    public void AllForOne_restarts_every_sibling_when_one_fails()
    {
        var journal = new Journal();
        var parent = ParentWith(new AllForOneStrategy(_ => Directive.Restart));
        var a = SpawnUnder(parent, WorkerProps(journal, "a"), "a");
        var b = SpawnUnder(parent, WorkerProps(journal, "b"), "b");
        var c = SpawnUnder(parent, WorkerProps(journal, "c"), "c");
        a.Tell("inc");
        c.Tell("inc");
        RunUntilIdle();
        journal.Entries.Clear();

        var cause = new TestFailure("b fails");
        b.Tell(new Fail(cause));
        RunUntilIdle();

        foreach (var name in new[] { "a", "b", "c" })
        {
            Assert.Equal(2, journal.Created(name));
            Assert.Contains($"preRestart:{name}#1", journal.Entries);
            Assert.Contains($"postRestart:{name}#2", journal.Entries);
        }
        foreach (var sibling in new[] { a, b, c })
        {
            sibling.Tell("get", TestActor);
            ExpectMsg(0, TimeSpan.Zero); // fresh instances: the counts of a and c are gone
        }
    }

    [Fact]
    public void AllForOne_gives_the_siblings_the_same_cause_and_no_message()
    {
        var journal = new Journal();
        var parent = ParentWith(new AllForOneStrategy(_ => Directive.Restart));
        SpawnUnder(parent, WorkerProps(journal, "a"), "a");
        var b = SpawnUnder(parent, WorkerProps(journal, "b"), "b");
        var cause = new TestFailure("b fails");
        var failing = new Fail(cause);

        b.Tell(failing);
        RunUntilIdle();

        Assert.Same(cause, journal.PreRestarts["a"].Reason);
        Assert.Null(journal.PreRestarts["a"].Message);
        Assert.Same(cause, journal.PreRestarts["b"].Reason);
        Assert.Same(failing, journal.PreRestarts["b"].Message);
    }

    [Fact]
    public void AllForOne_stop_directive_stops_every_sibling()
    {
        var journal = new Journal();
        var parent = ParentWith(new AllForOneStrategy(_ => Directive.Stop));
        var children = new[] { "a", "b", "c" }.Select(n => SpawnUnder(parent, WorkerProps(journal, n), n)).ToArray();
        foreach (var child in children)
            Watch(child);

        children[1].Tell(new Fail(new TestFailure("b fails")));

        var terminated = Enumerable.Range(0, 3).Select(_ => ExpectMsg<Terminated>(timeout: TimeSpan.Zero).ActorRef).ToHashSet();
        Assert.True(terminated.SetEquals(children));
        Assert.All(new[] { "a", "b", "c" }, n => Assert.Equal(1, journal.Created(n)));
        parent.Tell(new Spawn(WorkerProps(journal, "d"), "a"), TestActor);
        Assert.Equal("a", ExpectMsg<IActorRef>(timeout: TimeSpan.Zero).Path.Name); // the names are free again
    }

    [Fact]
    public void AllForOne_stops_every_sibling_when_a_restart_is_denied()
    {
        var journal = new Journal();
        var parent = ParentWith(new AllForOneStrategy(1, TimeSpan.FromSeconds(10), _ => Directive.Restart));
        var a = SpawnUnder(parent, WorkerProps(journal, "a"), "a");
        var b = SpawnUnder(parent, WorkerProps(journal, "b"), "b");
        Watch(a);
        Watch(b);

        a.Tell(new Fail(new TestFailure("first")));
        RunUntilIdle();
        Assert.Equal(2, journal.Created("a"));
        Assert.Equal(2, journal.Created("b"));

        b.Tell(new Fail(new TestFailure("second")));
        var terminated = new[] { ExpectMsg<Terminated>(timeout: TimeSpan.Zero).ActorRef, ExpectMsg<Terminated>(timeout: TimeSpan.Zero).ActorRef };
        Assert.True(terminated.ToHashSet().SetEquals([a, b]));
        Assert.Equal(2, journal.Created("a"));
        Assert.Equal(2, journal.Created("b"));
    }

    /// <summary>
    /// Creates a worker child named "kid" (journalled as "name/kid") in its constructor; throws the cause of a
    /// <see cref="Fail"/>, answers "kid" with its child and other strings with "message@incarnation".
    /// </summary>
    private sealed class ParentOfKid : ReceiveActor
    {
        private readonly Journal _journal;
        private readonly string _name;
        private readonly int _incarnation;

        public ParentOfKid(Journal journal, string name)
        {
            _journal = journal;
            _name = name;
            _incarnation = journal.NextIncarnation(name);
            journal.Add($"ctor:{Tag}");
            var kid = Context.ActorOf(WorkerProps(journal, name + "/kid"), "kid");
            Receive<Fail>(f => throw f.Cause);
            Receive<string>(_ => Sender.Tell(kid), s => s == "kid");
            Receive<string>(s => Sender.Tell($"{s}@{_incarnation}"));
        }

        private string Tag => $"{_name}#{_incarnation}";

        protected override void PreRestart(Exception reason, object? message)
        {
            _journal.Add($"preRestart:{Tag}");
            base.PreRestart(reason, message);
        }

        protected override void PostStop() => _journal.Add($"postStop:{Tag}");

        protected override void PostRestart(Exception reason)
        {
            _journal.Add($"postRestart:{Tag}");
            base.PostRestart(reason);
        }
    }

    /// <summary>The journal entries of one actor ("hook:name#n"), in order.</summary>
    private static string[] EntriesOf(Journal journal, string name) =>
        journal.Entries.Where(e => e[(e.IndexOf(':') + 1)..e.LastIndexOf('#')] == name).ToArray();

    [Fact]
    public void AllForOne_restarts_each_of_two_children_that_both_failed_before_the_parent_ran_once()
    {
        var journal = new Journal();
        var parent = ParentWith(new AllForOneStrategy(_ => Directive.Restart));
        var a = SpawnUnder(parent, Props.Create(() => new ParentOfKid(journal, "a")), "a");
        var b = SpawnUnder(parent, Props.Create(() => new ParentOfKid(journal, "b")), "b");
        var oldKids = new[] { Result(a.Ask<IActorRef>("kid")), Result(b.Ask<IActorRef>("kid")) };
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        journal.Entries.Clear();
        var causeA = new TestFailure("a fails");
        var causeB = new TestFailure("b fails");

        // Both fail before the parent handles either failure; each failure restarts both children. The second restart
        // request reaches each child while its first waits for the old "kid" to stop, and joins it: one new instance
        // each, whose constructor can take the name "kid" again because the old kid has gone by then.
        a.Tell(new Fail(causeA));
        b.Tell(new Fail(causeB));
        RunUntilIdle();

        foreach (var name in new[] { "a", "b" })
        {
            Assert.Equal(2, journal.Created(name));
            Assert.Equal(2, journal.Created(name + "/kid"));
            Assert.Equal([$"preRestart:{name}#1", $"postStop:{name}#1", $"ctor:{name}#2", $"postRestart:{name}#2"], EntriesOf(journal, name));
            Assert.Equal([$"postStop:{name}/kid#1", $"ctor:{name}/kid#2", $"preStart:{name}/kid#2"], EntriesOf(journal, name + "/kid"));
        }
        Assert.Equal([causeA, causeB], errors.ReceiveN(2, TimeSpan.Zero).Cast<Error>().Select(e => e.Cause));
        errors.ExpectNoMsg(TimeSpan.FromSeconds(1));

        a.Tell("hello", TestActor);
        ExpectMsg("hello@2");
        b.Tell("hello", TestActor);
        ExpectMsg("hello@2");
        var newKids = new[] { Result(a.Ask<IActorRef>("kid")), Result(b.Ask<IActorRef>("kid")) };
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(oldKids[i], newKids[i]);
            Assert.Equal("kid", newKids[i].Path.Name);
            newKids[i].Tell("hello", TestActor);
            ExpectMsg("hello@2");
        }
    }

    // ---- escalation ----

    [Fact]
    public void Escalate_fails_the_parent_with_the_same_exception_and_the_grandparent_restarts_it_with_new_children()
    {
        var journal = new Journal();
        var grandparent = ParentWith(new OneForOneStrategy(e => Decide(journal, e, Directive.Restart)), "grandparent");
        var middle = SpawnUnder(grandparent,
            Props.Create(() => new WorkerWithKid(journal, "middle", new OneForOneStrategy(_ => Directive.Escalate))), "middle");
        RunUntilIdle();
        var firstKid = Result(middle.Ask<IActorRef>("kid"));
        Watch(firstKid);
        journal.Entries.Clear();

        var cause = new TestFailure("kid fails");
        firstKid.Tell(new Fail(cause));
        ExpectTerminated(firstKid);

        Assert.Equal([cause], journal.Decided);
        Assert.Equal(
            ["fail:kid#1", "postStop:middle#1", "postStop:kid#1", "ctor:middle#2", "postRestart:middle#2", "ctor:kid#2", "preStart:kid#2"],
            journal.Entries);
        var secondKid = Result(middle.Ask<IActorRef>("kid"));
        Assert.NotEqual(firstKid, secondKid);
        secondKid.Tell("hello", TestActor);
        ExpectMsg("hello@2");
    }

    [Fact]
    public void Escalate_publishes_the_failure_at_each_level_it_passes()
    {
        var journal = new Journal();
        var grandparent = ParentWith(new OneForOneStrategy(_ => Directive.Restart), "grandparent");
        var middle = SpawnUnder(grandparent,
            Props.Create(() => new WorkerWithKid(journal, "middle", new OneForOneStrategy(_ => Directive.Escalate))), "middle");
        var kid = Result(middle.Ask<IActorRef>("kid"));
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        var cause = new TestFailure("kid fails");

        kid.Tell(new Fail(cause));

        var first = errors.ExpectMsg<Error>();
        Assert.Equal(kid.Path.ToString(), first.LogSource);
        Assert.Same(cause, first.Cause);
        Assert.EndsWith("escalate", first.Message, StringComparison.Ordinal);
        var second = errors.ExpectMsg<Error>();
        Assert.Equal(middle.Path.ToString(), second.LogSource);
        Assert.Same(cause, second.Cause);
        Assert.EndsWith("restart", second.Message, StringComparison.Ordinal);
        errors.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void An_escalated_failure_that_the_grandparent_resumes_resumes_the_failing_child_with_its_state()
    {
        var journal = new Journal();
        var grandparent = ParentWith(new OneForOneStrategy(e => Decide(journal, e, Directive.Resume)), "grandparent");
        var middle = SpawnUnder(grandparent, Props.Create(() => new Parent(new OneForOneStrategy(_ => Directive.Escalate))), "middle");
        var child = SpawnUnder(middle, WorkerProps(journal, "c"), "c");

        child.Tell("inc");
        child.Tell("inc");
        child.Tell(new Fail(new TestFailure("first")));
        child.Tell("inc");
        child.Tell("get", TestActor);
        ExpectMsg(3);

        // The child is not left marked as failed: its next failure reaches the grandparent again.
        child.Tell(new Fail(new TestFailure("second")));
        child.Tell("get", TestActor);
        ExpectMsg(3);
        Assert.Equal(new[] { "first", "second" }, journal.Decided.Select(e => e.Message));
        Assert.Equal(1, journal.Created("c"));
    }

    [Fact]
    public void An_escalated_failure_restarting_a_parent_that_keeps_its_children_restarts_the_failing_child()
    {
        var journal = new Journal();
        var grandparent = ParentWith(new OneForOneStrategy(e => Decide(journal, e, Directive.Restart)), "grandparent");
        var middle = SpawnUnder(grandparent, Props.Create(() => new KeepsChildren(new OneForOneStrategy(_ => Directive.Escalate))), "middle");
        var child = SpawnUnder(middle, WorkerProps(journal, "c"), "c");
        var sibling = SpawnUnder(middle, WorkerProps(journal, "s"), "s");

        child.Tell(new Fail(new TestFailure("boom")));
        child.Tell("after", TestActor);
        ExpectMsg("after@2");
        sibling.Tell("after", TestActor);
        ExpectMsg("after@2");
        Assert.Single(journal.Decided);
    }

    /// <summary>A parent whose restart keeps its children (they are restarted with it instead of stopped).</summary>
    private sealed class KeepsChildren : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public KeepsChildren(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<Spawn>(s => Sender.Tell(Context.ActorOf(s.Props, s.Name)));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;

        protected override void PreRestart(Exception reason, object? message)
        {
        }
    }

    // ---- error events ----

    [Fact]
    public void A_failure_is_published_as_an_Error_event_with_its_cause_and_the_failing_actor_as_source()
    {
        var journal = new Journal();
        var worker = Sys.ActorOf(WorkerProps(journal, "w"), "w");
        var cause = new TestFailure("published");

        var error = ExpectEvent<Error>(() => worker.Tell(new Fail(cause)));

        Assert.Same(cause, error.Cause);
        Assert.Equal(worker.Path.ToString(), error.LogSource);
        Assert.Contains("published", error.Message, StringComparison.Ordinal);
        Assert.Contains("restart", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resumed_failure_is_published_as_a_Warning_not_an_Error()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(_ => Directive.Resume));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");

        var warning = ExpectEvent<Warning>(() => child.Tell(new Fail(new TestFailure("resumed"))));
        Assert.Equal(child.Path.ToString(), warning.LogSource);
        ExpectNoEvent<Error>(() => child.Tell(new Fail(new TestFailure("resumed again"))));
    }

    [Fact]
    public void A_strategy_with_logging_disabled_publishes_no_Error()
    {
        var journal = new Journal();
        var parent = ParentWith(new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Restart, loggingEnabled: false));
        var child = SpawnUnder(parent, WorkerProps(journal, "c"), "c");

        ExpectNoEvent<Error>(() => child.Tell(new Fail(new TestFailure("quiet"))));

        Assert.Equal(2, journal.Created("c")); // it did fail and restart
    }

    /// <summary>Fails <paramref name="child"/> for the <paramref name="failure"/>th time and expects its next instance to answer at once.</summary>
    private void FailAndExpectRestart(IActorRef child, int failure)
    {
        child.Tell(new Fail(new TestFailure($"failure {failure}")));
        child.Tell("ping", TestActor);
        ExpectMsg($"ping@{failure + 1}", TimeSpan.Zero);
    }
}
