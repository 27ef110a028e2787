namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>
/// Lifecycle: PreStart before the first message, PostStop once and after the children's, PoisonPill, GracefulStop,
/// system termination, actors made outside ActorOf, and the numeric dispatcher on its own threads (in real time).
/// </summary>
public sealed class LifecycleSpec : TestKit
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    /// <summary>
    /// Journals "preStart:name" and "postStop:name", creates the children it is given (each with its own children),
    /// echoes other messages, and stops itself on "stop yourself".
    /// </summary>
    private sealed class Node : ReceiveActor
    {
        private readonly List<string> _journal;
        private readonly string _name;
        private bool _started;

        public Node(List<string> journal, string name, params Tree[] children)
        {
            _journal = journal;
            _name = name;
            foreach (var child in children)
                Context.ActorOf(Props.Create(() => new Node(journal, child.Name, child.Children)), child.Name);
            Receive<string>(_ => Sender.Tell(_started), s => s == "started?");
            Receive<string>(_ => Context.Stop(Self), s => s == "stop yourself");
            Receive<string>(_ => { }, s => s == "ignored");
            Receive<string>(s =>
            {
                _journal.Add($"message:{_name}:{s}");
                Sender.Tell(s);
            });
        }

        protected override void PreStart()
        {
            _started = true;
            _journal.Add($"preStart:{_name}");
        }

        protected override void PostStop() => _journal.Add($"postStop:{_name}");
    }

    private sealed class FailsToStart(List<string> journal) : ReceiveActor
    {
        protected override void PreStart()
        {
            journal.Add("preStart");
            throw new InvalidOperationException("no start");
        }

        protected override void PostStop() => journal.Add("postStop");
    }

    [Fact]
    public void An_actor_whose_PreStart_throws_is_stopped_without_a_PostStop()
    {
        var journal = new List<string>();
        var actor = Sys.ActorOf(Props.Create(() => new FailsToStart(journal)));
        Watch(actor);

        ExpectTerminated(actor);

        Assert.Equal(["preStart"], journal);
    }

    private sealed record Tree(string Name, params Tree[] Children);

    private static Props NodeProps(List<string> journal, Tree tree) =>
        Props.Create(() => new Node(journal, tree.Name, tree.Children));

    private static List<string> PostStops(List<string> journal) =>
        journal.Where(e => e.StartsWith("postStop:", StringComparison.Ordinal)).Select(e => e["postStop:".Length..]).ToList();

    /// <summary>Every name appears once, and each node after all of its descendants.</summary>
    private static void AssertChildrenStoppedFirst(List<string> stopped, Tree tree)
    {
        Assert.Single(stopped, tree.Name);
        foreach (var child in tree.Children)
        {
            AssertChildrenStoppedFirst(stopped, child);
            Assert.True(stopped.IndexOf(child.Name) < stopped.IndexOf(tree.Name),
                $"{child.Name} must stop before {tree.Name}: {string.Join(", ", stopped)}");
        }
    }

    [Fact]
    public void PreStart_runs_before_the_first_message()
    {
        var journal = new List<string>();
        var node = Sys.ActorOf(NodeProps(journal, new Tree("n")), "n");
        node.Tell("started?", TestActor);
        node.Tell("hello", TestActor);

        ExpectMsg(true);
        ExpectMsg("hello");
        Assert.Equal(["preStart:n", "message:n:hello"], journal);
    }

    [Fact]
    public void PostStop_runs_once_after_every_child_has_stopped()
    {
        var journal = new List<string>();
        var tree = new Tree("p", new Tree("a", new Tree("a1"), new Tree("a2")), new Tree("b", new Tree("b1")));
        var parent = Sys.ActorOf(NodeProps(journal, tree), "p");
        RunUntilIdle();
        Assert.Empty(PostStops(journal));
        Watch(parent);

        Sys.Stop(parent);
        parent.Tell(PoisonPill.Instance);
        Sys.Stop(parent);

        ExpectTerminated(parent);
        var stopped = PostStops(journal);
        Assert.Equal(6, stopped.Count);
        AssertChildrenStoppedFirst(stopped, tree);
        Assert.Equal("p", stopped[^1]);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(6, PostStops(journal).Count);
    }

    [Fact]
    public void An_actor_that_stops_itself_stops_its_children_first()
    {
        var journal = new List<string>();
        var tree = new Tree("p", new Tree("a", new Tree("a1")));
        var parent = Sys.ActorOf(NodeProps(journal, tree), "p");
        Watch(parent);

        parent.Tell("stop yourself");

        ExpectTerminated(parent);
        Assert.Equal(["a1", "a", "p"], PostStops(journal));
    }

    [Fact]
    public void PoisonPill_is_handled_after_the_messages_before_it_and_the_messages_after_it_go_to_dead_letters()
    {
        var journal = new List<string>();
        var node = Sys.ActorOf(NodeProps(journal, new Tree("n")), "n");
        Watch(node);

        var dead = ExpectEvent<DeadLetter>(() =>
        {
            node.Tell("a", TestActor);
            node.Tell("b", TestActor);
            node.Tell(PoisonPill.Instance, TestActor);
            node.Tell("c", TestActor);
        }, d => d.Message is "c");

        Assert.Equal(node, dead.Recipient);
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectTerminated(node);
        Assert.Equal(["preStart:n", "message:n:a", "message:n:b", "postStop:n"], journal);
    }

    [Fact]
    public void GracefulStop_completes_with_true_once_the_actor_and_its_children_have_stopped()
    {
        var journal = new List<string>();
        var tree = new Tree("p", new Tree("a"));
        var parent = Sys.ActorOf(NodeProps(journal, tree), "p");
        RunUntilIdle();

        var stopped = parent.GracefulStop(TimeSpan.FromSeconds(5));

        Assert.True(Result(stopped));
        Assert.Equal(["a", "p"], PostStops(journal));
    }

    [Fact]
    public void GracefulStop_of_an_actor_that_has_already_stopped_completes_with_true()
    {
        var node = Sys.ActorOf(NodeProps([], new Tree("n")), "n");
        Watch(node);
        Sys.Stop(node);
        ExpectTerminated(node);

        Assert.True(Result(node.GracefulStop(TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void GracefulStop_with_a_stop_message_completes_with_true_when_the_actor_stops_itself()
    {
        var journal = new List<string>();
        var node = Sys.ActorOf(NodeProps(journal, new Tree("n")), "n");

        Assert.True(Result(node.GracefulStop(TimeSpan.FromSeconds(1), "stop yourself")));
        Assert.Equal(["n"], PostStops(journal));
    }

    [Fact]
    public void GracefulStop_faults_with_AskTimeoutException_exactly_at_the_timeout_when_the_actor_does_not_stop()
    {
        var journal = new List<string>();
        var node = Sys.ActorOf(NodeProps(journal, new Tree("n")), "n");
        var timeout = TimeSpan.FromSeconds(2);

        var stopped = node.GracefulStop(timeout, "ignored");
        Advance(timeout - Tick);
        Assert.False(stopped.IsCompleted);
        Advance(Tick);

        Assert.True(stopped.IsFaulted);
        Assert.IsType<AskTimeoutException>(stopped.Exception!.InnerException);
        node.Tell("still alive", TestActor);
        ExpectMsg("still alive");
        Assert.Empty(PostStops(journal));
    }

    [Fact]
    public void Terminate_stops_every_actor_children_first_and_completes_WhenTerminated()
    {
        var journal = new List<string>();
        var first = new Tree("x", new Tree("x1", new Tree("x11")), new Tree("x2"));
        var second = new Tree("y", new Tree("y1"));
        Sys.ActorOf(NodeProps(journal, first), "x");
        Sys.ActorOf(NodeProps(journal, second), "y");
        RunUntilIdle();
        Assert.False(Sys.WhenTerminated.IsCompleted);

        var terminated = Sys.Terminate();
        Result(terminated);

        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        var stopped = PostStops(journal);
        Assert.Equal(6, stopped.Count);
        AssertChildrenStoppedFirst(stopped, first);
        AssertChildrenStoppedFirst(stopped, second);
        Assert.Same(terminated, Sys.Terminate());
        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(NodeProps(journal, new Tree("late")), "late"));
    }

    private sealed class Plain : ReceiveActor
    {
        public Plain() => ReceiveAny(_ => { });
    }

    [Fact]
    public void An_actor_created_with_new_outside_ActorOf_throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Plain());
        Assert.Contains("ActorOf", error.Message, StringComparison.Ordinal);
    }

    // ---- the numeric dispatcher, on real threads ----

    private sealed record WhereAmI;

    private sealed record RunsOn(string? ThreadName, bool IsThreadPoolThread);

    private sealed record Block(ManualResetEventSlim Gate);

    /// <summary>Tells where it runs; answers a <see cref="Block"/> and then blocks its thread until the gate opens.</summary>
    private sealed class Worker : ReceiveActor
    {
        public Worker()
        {
            Receive<WhereAmI>(_ => Sender.Tell(new RunsOn(Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread)));
            Receive<Block>(b =>
            {
                Sender.Tell("blocking");
                BlockOn(b.Gate);
            });
            Receive<int>(i => Sender.Tell(i));
        }

        private static void BlockOn(ManualResetEventSlim gate) => gate.Wait(TimeSpan.FromSeconds(30));
    }

    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_numeric_dispatcher_runs_actors_on_its_own_threads_in_real_time()
    {
        var system = ActorSystem.Create("numeric-threads");
        try
        {
            var numeric = Enumerable.Range(0, 4)
                .Select(i => system.ActorOf(Props.Create(() => new Worker()).WithDispatcher("numeric"), $"numeric-{i}"))
                .ToArray();
            var plain = system.ActorOf(Props.Create(() => new Worker()), "plain");

            for (var round = 0; round < 5; round++)
            {
                foreach (var where in await Task.WhenAll(numeric.Select(n => n.Ask<RunsOn>(new WhereAmI(), RealTimeout))))
                {
                    Assert.StartsWith("numeric", where.ThreadName);
                    Assert.False(where.IsThreadPoolThread);
                }
            }
            var onDefault = await plain.Ask<RunsOn>(new WhereAmI(), RealTimeout);
            Assert.True(onDefault.IsThreadPoolThread);
            Assert.False(onDefault.ThreadName?.StartsWith("numeric", StringComparison.Ordinal) ?? false);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task A_blocked_numeric_actor_does_not_block_default_dispatcher_actors()
    {
        var system = ActorSystem.Create("numeric-blocked", ShampooActors.Configuration.Config.Parse("actors.dispatchers.numeric.threads = 2"));
        using var gate = new ManualResetEventSlim(false);
        try
        {
            // "numeric" has two threads here: two blocked actors hold both.
            var blockers = Enumerable.Range(0, 2)
                .Select(i => system.ActorOf(Props.Create(() => new Worker()).WithDispatcher("numeric"), $"blocker-{i}"))
                .ToArray();
            await Task.WhenAll(blockers.Select(b => b.Ask<string>(new Block(gate), RealTimeout)));

            var plain = Enumerable.Range(0, 50).Select(i => system.ActorOf(Props.Create(() => new Worker()), $"plain-{i}")).ToArray();
            var replies = await Task.WhenAll(plain.Select((p, i) => p.Ask<int>(i, RealTimeout)));
            Assert.Equal(Enumerable.Range(0, 50), replies);

            var waiting = system.ActorOf(Props.Create(() => new Worker()).WithDispatcher("numeric"), "waiting");
            var reply = waiting.Ask<int>(7, RealTimeout);
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            Assert.False(reply.IsCompleted); // no third numeric thread: it waits for one of the blocked two

            gate.Set();
            Assert.Equal(7, await reply);
        }
        finally
        {
            gate.Set();
            await system.Terminate();
        }
    }
}
