using System.Collections.Concurrent;
using ShampooActors.Configuration;

namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>
/// Dead letters and their logging (also during shutdown), the log level, and the event stream's subscriptions; on a system
/// that logs 3 dead letters, and on systems of their own where a test needs other settings.
/// </summary>
public sealed class DeadLetterSpec : TestKit
{
    public DeadLetterSpec() : base(config: Config.Parse("actors.log-dead-letters = 3"))
    {
    }

    private interface IVehicle;

    private abstract record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    private sealed record Car(string Name) : IVehicle;

    private sealed record Pause;

    /// <summary>Reports strings; "stop" stops it; after <see cref="Pause"/> it stashes everything.</summary>
    private sealed class Worker : ReceiveActor, IWithStash
    {
        public Worker(IActorRef report)
        {
            Receive<string>(_ => Context.Stop(Self), s => s == "stop");
            Receive<string>(s => report.Tell(s));
            Receive<Pause>(_ => Become(() => ReceiveAny(_ => Stash.Stash())));
        }

        public IStash Stash { get; set; } = null!;
    }

    /// <summary>Records what is told to it on the teller's thread, whatever happens to the actors.</summary>
    private sealed class EventRecorder : IActorRef
    {
        private readonly ConcurrentQueue<object> _events = new();

        public ActorPath Path { get; } = ActorPath.Root("recorder");

        public void Tell(object message, IActorRef? sender) => _events.Enqueue(message);

        public IReadOnlyList<T> Of<T>() => _events.OfType<T>().ToList();
    }

    /// <summary>Tells <c>farewell</c> to a stopped actor when it stops itself: a dead letter made while the system shuts down.</summary>
    private sealed class Farewell(IActorRef gone) : ReceiveActor
    {
        protected override void PostStop() => gone.Tell("farewell", Self);
    }

    private IActorRef Stopped(string name)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Worker(TestActor)), name);
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        return actor;
    }

    private TestProbe Subscribed(Type channel)
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, channel);
        return probe;
    }

    [Fact]
    public void A_message_to_a_stopped_actor_is_published_as_a_DeadLetter_with_its_sender_and_recipient()
    {
        var stopped = Stopped("gone");
        var sender = CreateTestProbe();

        var letter = ExpectEvent<DeadLetter>(() => stopped.Tell("hello", sender.Ref));

        Assert.Equal(new DeadLetter("hello", sender.Ref, stopped), letter);
    }

    [Fact]
    public void A_message_without_a_sender_to_a_stopped_actor_has_dead_letters_as_its_sender()
    {
        var stopped = Stopped("gone");

        var letter = ExpectEvent<DeadLetter>(() => stopped.Tell("hello", ActorRefs.NoSender));

        Assert.Equal(new DeadLetter("hello", Sys.DeadLetters, stopped), letter);
    }

    [Fact]
    public void Messages_still_queued_when_an_actor_stops_go_to_dead_letters_in_order()
    {
        var deadLetters = Subscribed(typeof(DeadLetter));
        var worker = Sys.ActorOf(Props.Create(() => new Worker(TestActor)), "worker");

        foreach (var message in new[] { "a", "stop", "b", "c" })
            worker.Tell(message, TestActor);

        ExpectMsg("a");
        Assert.Equal(new DeadLetter("b", TestActor, worker), deadLetters.ExpectMsg<DeadLetter>());
        Assert.Equal(new DeadLetter("c", TestActor, worker), deadLetters.ExpectMsg<DeadLetter>());
        deadLetters.ExpectNoMsg();
        ExpectNoMsg();
    }

    [Fact]
    public void Stashed_messages_go_to_dead_letters_before_the_queued_ones_when_an_actor_stops()
    {
        var deadLetters = Subscribed(typeof(DeadLetter));
        var worker = Sys.ActorOf(Props.Create(() => new Worker(TestActor)), "worker");
        worker.Tell(new Pause(), TestActor);
        worker.Tell("stashed 1", TestActor);
        worker.Tell("stashed 2", TestActor);
        RunUntilIdle();
        worker.Tell("queued", TestActor);

        Sys.Stop(worker);

        Assert.Equal(
            new[] { "stashed 1", "stashed 2", "queued" },
            deadLetters.ReceiveN(3).Cast<DeadLetter>().Select(d => (string)d.Message).ToArray());
        deadLetters.ExpectNoMsg();
    }

    [Fact]
    public void Dead_letters_are_logged_at_info_up_to_actors_log_dead_letters_and_then_no_more()
    {
        var stopped = Stopped("gone");
        var logs = Subscribed(typeof(Info));
        var deadLetters = Subscribed(typeof(DeadLetter));

        for (var i = 1; i <= 5; i++)
            stopped.Tell($"letter {i}", TestActor);

        var infos = logs.ReceiveN(3).Cast<Info>().ToArray();
        logs.ExpectNoMsg(TimeSpan.FromSeconds(10));
        Assert.Equal(5, deadLetters.ReceiveN(5).Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(stopped.Path.ToString(), infos[i].LogSource);
            Assert.Contains($"from {TestActor.Path} to {stopped.Path}", infos[i].Message);
            Assert.Contains($"[{i + 1}] dead letters encountered.", infos[i].Message);
            Assert.Equal(i == 2, infos[i].Message.Contains("No more dead letters will be logged", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_published_event_reaches_the_subscribers_of_its_base_types_and_interfaces_only()
    {
        var animals = Subscribed(typeof(Animal));
        var vehicles = Subscribed(typeof(IVehicle));
        var everything = Subscribed(typeof(object));

        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Car("beetle"));

        animals.ExpectMsg(new Dog("rex"));
        animals.ExpectNoMsg();
        vehicles.ExpectMsg(new Car("beetle"));
        vehicles.ExpectNoMsg();
        everything.ExpectMsg(new Dog("rex"));
        everything.ExpectMsg(new Car("beetle"));
    }

    [Fact]
    public void A_second_subscription_to_the_same_channel_is_refused_and_delivers_once()
    {
        var probe = CreateTestProbe();

        Assert.True(Sys.EventStream.Subscribe(probe.Ref, typeof(Animal)));
        Assert.False(Sys.EventStream.Subscribe(probe.Ref, typeof(Animal)));
        Sys.EventStream.Publish(new Dog("rex"));

        probe.ExpectMsg(new Dog("rex"));
        probe.ExpectNoMsg();
    }

    [Fact]
    public void Unsubscribe_from_one_channel_ends_only_that_subscription()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Animal));
        Sys.EventStream.Subscribe(probe.Ref, typeof(IVehicle));

        Assert.True(Sys.EventStream.Unsubscribe(probe.Ref, typeof(Animal)));
        Assert.False(Sys.EventStream.Unsubscribe(probe.Ref, typeof(Animal)));
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Car("beetle"));

        probe.ExpectMsg(new Car("beetle"));
        probe.ExpectNoMsg();
    }

    [Fact]
    public void Unsubscribe_from_every_channel_ends_all_subscriptions()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Animal));
        Sys.EventStream.Subscribe(probe.Ref, typeof(IVehicle));

        Assert.True(Sys.EventStream.Unsubscribe(probe.Ref));
        Assert.False(Sys.EventStream.Unsubscribe(probe.Ref));
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Car("beetle"));

        probe.ExpectNoMsg();
    }

    [Fact]
    public void A_terminated_subscriber_is_dropped_instead_of_receiving_events_as_dead_letters()
    {
        var subscriber = Sys.ActorOf(Props.Create(() => new Worker(TestActor)), "subscriber");
        Sys.EventStream.Subscribe(subscriber, typeof(Animal));
        Stop(subscriber);

        ExpectNoEvent<DeadLetter>(() => Sys.EventStream.Publish(new Dog("rex")));

        Assert.False(Sys.EventStream.Unsubscribe(subscriber));
    }

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    /// <summary>
    /// On a virtual-time system configured by <paramref name="config"/>: tells "before" to a stopped actor, then runs
    /// coordinated shutdown, during which an actor's PostStop tells "farewell" to it. Returns what was published.
    /// </summary>
    private static EventRecorder DeadLettersBeforeAndDuringShutdown(string config)
    {
        var time = new VirtualTime();
        var system = ActorSystem.Create("shutdown", Config.Parse(config), time.Setup());
        var recorder = new EventRecorder();
        system.EventStream.Subscribe(recorder, typeof(DeadLetter));
        system.EventStream.Subscribe(recorder, typeof(Info));
        var gone = system.ActorOf(Props.Create(() => new Farewell(ActorRefs.Nobody)), "gone");
        system.ActorOf(Props.Create(() => new Farewell(gone)), "leaving");
        system.Stop(gone);
        time.RunUntilIdle();

        gone.Tell("before", ActorRefs.NoSender);
        var terminated = system.Terminate();
        time.RunUntilIdle();

        Assert.True(terminated.IsCompletedSuccessfully);
        Assert.Equal(["before", "farewell"], recorder.Of<DeadLetter>().Select(d => d.Message));
        return recorder;
    }

    [Fact]
    public void Dead_letters_during_shutdown_are_not_logged_by_default()
    {
        var recorder = DeadLettersBeforeAndDuringShutdown("actors.log-dead-letters = on");

        var info = Assert.Single(recorder.Of<Info>());
        Assert.Contains("Message [String]", info.Message);
        Assert.Contains("[1] dead letters encountered.", info.Message);
        Assert.False(ActorSystemSettings.Default.LogDeadLettersDuringShutdown);
    }

    [Fact]
    public void Dead_letters_during_shutdown_are_logged_with_log_dead_letters_during_shutdown_on()
    {
        var recorder = DeadLettersBeforeAndDuringShutdown("""
            actors.log-dead-letters = on
            actors.log-dead-letters-during-shutdown = on
            """);

        var infos = recorder.Of<Info>();
        Assert.Equal(2, infos.Count);
        Assert.Contains("[1] dead letters encountered.", infos[0].Message);
        Assert.Contains("[2] dead letters encountered.", infos[1].Message);
        Assert.Contains("/user/leaving to ", infos[1].Message);
    }

    [Fact]
    public void Loglevel_warning_publishes_warnings_and_errors_but_no_info_or_debug_events()
    {
        var time = new VirtualTime();
        var system = ActorSystem.Create("quiet", Config.Parse("actors.loglevel = warning"), time.Setup());
        var recorder = new EventRecorder();
        system.EventStream.Subscribe(recorder, typeof(LogEvent));

        system.Log.Debug("debug");
        system.Log.Info("info");
        system.Log.Warning("warning");
        system.Log.Error(null, "error");

        Assert.Equal(["warning", "error"], recorder.Of<LogEvent>().Select(e => e.Message));
        Assert.False(system.Log.IsEnabled(LogLevel.Info));
        Assert.True(system.Log.IsEnabled(LogLevel.Warning));
        var terminated = system.Terminate();
        time.RunUntilIdle();
        Assert.True(terminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_terminated_subscriber_leaves_the_event_stream_without_any_event_being_published()
    {
        var subscriber = Sys.ActorOf(Props.Create(() => new Worker(TestActor)), "subscriber");
        Sys.EventStream.Subscribe(subscriber, typeof(Animal));
        Sys.EventStream.Subscribe(subscriber, typeof(IVehicle));

        Stop(subscriber);
        RunUntilIdle();

        Assert.False(Sys.EventStream.Unsubscribe(subscriber, typeof(Animal)));
        Assert.False(Sys.EventStream.Unsubscribe(subscriber, typeof(IVehicle)));
    }
}
