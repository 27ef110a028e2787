namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>
/// Death watch: one Terminated per watch (also for an actor that is already dead), none on a restart, WatchWith,
/// Unwatch before and after the notice is queued, where the notice queues, and the family (Child, GetChildren, names).
/// </summary>
public sealed class DeathWatchSpec : TestKit
{
    private sealed record DoWatch(IActorRef Subject);

    private sealed record DoWatchWith(IActorRef Subject, object Message);

    private sealed record DoUnwatch(IActorRef Subject);

    /// <summary>Holds the watcher's user messages until <paramref name="Gate"/> completes, then unwatches <paramref name="UnwatchAfter"/>.</summary>
    private sealed record Hold(Task Gate, IActorRef? UnwatchAfter);

    /// <summary>Echoes what it receives; throws on "fail"; stops itself on "stop".</summary>
    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<string>(_ => throw new InvalidOperationException("fail"), s => s == "fail");
            Receive<string>(_ => Context.Stop(Self), s => s == "stop");
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    /// <summary>Watches on command and forwards everything else, Terminated included, to <c>report</c> (keeping the sender).</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef report)
        {
            Receive<DoWatch>(w => Context.Watch(w.Subject));
            Receive<DoWatchWith>(w =>
            {
                try
                {
                    Context.WatchWith(w.Subject, w.Message);
                    report.Tell("watching");
                }
                catch (InvalidOperationException)
                {
                    report.Tell("refused");
                }
            });
            Receive<DoUnwatch>(u =>
            {
                Context.Unwatch(u.Subject);
                report.Tell("unwatched");
            });
            ReceiveAsync<Hold>(async h =>
            {
                await h.Gate;
                if (h.UnwatchAfter is { } subject)
                {
                    Context.Unwatch(subject);
                    report.Tell("unwatched");
                }
            });
            ReceiveAny(m => report.Forward(m));
        }
    }

    private sealed record MakeChild(string Name);

    private sealed record StopAndRecreate(string Name);

    /// <summary>A parent that creates, watches, replaces and lists its children, reporting to <c>report</c>.</summary>
    private sealed class Family : ReceiveActor
    {
        public Family(IActorRef report)
        {
            Receive<MakeChild>(c => Sender.Tell(Context.ActorOf(Props.Create(() => new Echo()), c.Name)));
            Receive<DoWatch>(w => Context.Watch(w.Subject));
            Receive<string>(name => Sender.Tell(Context.Child(name)), s => s != "children");
            Receive<string>(_ => Sender.Tell(Context.GetChildren().Select(c => c.Path.Name).Order().ToArray()), s => s == "children");
            Receive<StopAndRecreate>(r =>
            {
                var old = Context.Child(r.Name);
                Context.Watch(old);
                Context.Stop(old);
                report.Tell(Context.Child(r.Name));
                report.Tell(Context.GetChildren().Count());
                try
                {
                    Context.ActorOf(Props.Create(() => new Echo()), r.Name);
                    report.Tell("created while stopping");
                }
                catch (InvalidActorNameException)
                {
                    report.Tell("name taken");
                }
            });
            Receive<Terminated>(t =>
            {
                report.Forward(t);
                if (t.ActorRef.Path.Name == "kid")
                    report.Tell(Context.ActorOf(Props.Create(() => new Echo()), "kid"));
            });
        }
    }

    private IActorRef Echoer(string name) => Sys.ActorOf(Props.Create(() => new Echo()), name);

    private IActorRef WatcherReportingToTestActor(string name = "watcher")
    {
        var report = TestActor;
        return Sys.ActorOf(Props.Create(() => new Watcher(report)), name);
    }

    [Fact]
    public void Watching_twice_gives_exactly_one_Terminated_sent_by_the_dead_actor()
    {
        var target = Echoer("target");
        var watcher = WatcherReportingToTestActor();
        watcher.Tell(new DoWatch(target));
        watcher.Tell(new DoWatch(target));
        RunUntilIdle();

        Sys.Stop(target);

        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(target, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.Equal(target, LastSender);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_test_kit_watching_twice_also_gets_one_Terminated()
    {
        var target = Echoer("target");
        Watch(target);
        Watch(target);

        target.Tell("stop");

        Assert.True(ExpectTerminated(target).ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Watching_an_already_dead_actor_gives_one_Terminated_with_ExistenceConfirmed_false()
    {
        var target = Echoer("target");
        Assert.True(Result(target.GracefulStop(TimeSpan.FromSeconds(1))));
        var watcher = WatcherReportingToTestActor();

        watcher.Tell(new DoWatch(target));

        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(target, terminated.ActorRef);
        Assert.False(terminated.ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromSeconds(1));

        // The watch ended with its notice: a new watch is a new one, with its own notice.
        watcher.Tell(new DoWatch(target));
        Assert.False(ExpectMsg<Terminated>().ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_restart_of_the_watched_actor_sends_no_Terminated()
    {
        var target = Echoer("target");
        Watch(target);

        target.Tell("fail");
        target.Tell("still here", TestActor);

        ExpectMsg("still here");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        target.Tell("stop");
        ExpectTerminated(target);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message_instead_of_Terminated()
    {
        var target = Echoer("target");
        var watcher = WatcherReportingToTestActor();
        watcher.Tell(new DoWatchWith(target, "target is gone"));
        ExpectMsg("watching");

        Sys.Stop(target);

        ExpectMsg("target is gone");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void WatchWith_of_an_already_dead_actor_delivers_the_custom_message()
    {
        var target = Echoer("target");
        Assert.True(Result(target.GracefulStop(TimeSpan.FromSeconds(1))));
        var watcher = WatcherReportingToTestActor();

        watcher.Tell(new DoWatchWith(target, "was already gone"));

        ExpectMsg("watching");
        ExpectMsg("was already gone");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Watching_again_with_another_message_is_refused_until_unwatched()
    {
        var target = Echoer("target");
        var watcher = WatcherReportingToTestActor();
        watcher.Tell(new DoWatchWith(target, "first"));
        watcher.Tell(new DoWatchWith(target, "first"));
        watcher.Tell(new DoWatchWith(target, "second"));
        ExpectMsg("watching");
        ExpectMsg("watching");
        ExpectMsg("refused");

        watcher.Tell(new DoUnwatch(target));
        watcher.Tell(new DoWatchWith(target, "second"));
        ExpectMsg("unwatched");
        ExpectMsg("watching");
        Sys.Stop(target);

        ExpectMsg("second");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Unwatch_before_the_death_gives_no_Terminated()
    {
        var target = Echoer("target");
        Watch(target);
        Unwatch(target);
        var other = CreateTestProbe();
        other.Watch(target);

        Sys.Stop(target);

        other.ExpectTerminated(target); // it did die
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Unwatch_after_the_Terminated_is_queued_but_before_it_is_processed_drops_it()
    {
        var unwatched = Echoer("unwatched");
        var kept = Echoer("kept");
        var watcher = WatcherReportingToTestActor();
        watcher.Tell(new DoWatch(unwatched));
        watcher.Tell(new DoWatch(kept));
        var gate = new TaskCompletionSource();
        watcher.Tell(new Hold(gate.Task, UnwatchAfter: unwatched));
        var probe = CreateTestProbe();
        probe.Watch(unwatched);
        probe.Watch(kept);

        Sys.Stop(unwatched);
        Sys.Stop(kept);
        probe.ExpectTerminated(unwatched);
        probe.ExpectTerminated(kept);
        RunUntilIdle();
        Assert.False(HasMessages); // both notices wait in the watcher's mailbox behind the held message

        gate.SetResult();

        ExpectMsg("unwatched");
        Assert.Equal(kept, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_Terminated_queues_behind_messages_the_watcher_already_holds()
    {
        var target = Echoer("target");
        var watcher = WatcherReportingToTestActor();
        watcher.Tell(new DoWatch(target));
        var gate = new TaskCompletionSource();
        watcher.Tell(new Hold(gate.Task, UnwatchAfter: null));
        watcher.Tell("a");
        watcher.Tell("b");
        RunUntilIdle();

        Sys.Stop(target);
        RunUntilIdle();
        Assert.False(HasMessages);
        gate.SetResult();

        ExpectMsg("a");
        ExpectMsg("b");
        Assert.Equal(target, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_parent_that_watches_its_child_gets_its_Terminated_once()
    {
        var report = TestActor;
        var parent = Sys.ActorOf(Props.Create(() => new Family(report)), "parent");
        var child = Result(parent.Ask<IActorRef>(new MakeChild("a")));
        parent.Tell(new DoWatch(child));

        child.Tell("stop");

        Assert.Equal(child, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Same(ActorRefs.Nobody, Result(parent.Ask<IActorRef>("a")));
    }

    [Fact]
    public void A_name_taken_by_a_stopping_child_is_refused_and_free_once_the_child_has_terminated()
    {
        var report = TestActor;
        var parent = Sys.ActorOf(Props.Create(() => new Family(report)), "parent");
        var old = Result(parent.Ask<IActorRef>(new MakeChild("kid")));
        Result(parent.Ask<IActorRef>(new MakeChild("other")));

        parent.Tell(new StopAndRecreate("kid"));

        Assert.Same(ActorRefs.Nobody, ExpectMsg<IActorRef>()); // a stopping child is no longer listed...
        ExpectMsg(1);
        ExpectMsg("name taken"); // ...but its name stays taken until it has terminated
        Assert.Equal(old, ExpectMsg<Terminated>().ActorRef);
        var fresh = ExpectMsg<IActorRef>();
        Assert.Equal("kid", fresh.Path.Name);
        Assert.NotEqual(old, fresh);
        fresh.Tell("hello", TestActor);
        ExpectMsg("hello");
    }

    [Fact]
    public void Child_finds_a_live_child_by_name_and_GetChildren_lists_the_live_children()
    {
        var report = TestActor;
        var parent = Sys.ActorOf(Props.Create(() => new Family(report)), "parent");
        var a = Result(parent.Ask<IActorRef>(new MakeChild("a")));
        var b = Result(parent.Ask<IActorRef>(new MakeChild("b")));

        Assert.Equal(a, Result(parent.Ask<IActorRef>("a")));
        Assert.Equal(b, Result(parent.Ask<IActorRef>("b")));
        Assert.Same(ActorRefs.Nobody, Result(parent.Ask<IActorRef>("c")));
        Assert.Equal(["a", "b"], Result(parent.Ask<string[]>("children")));

        Watch(a);
        a.Tell("stop");
        ExpectTerminated(a);

        Assert.Same(ActorRefs.Nobody, Result(parent.Ask<IActorRef>("a")));
        Assert.Equal(["b"], Result(parent.Ask<string[]>("children")));
    }
}
