namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>Tell, Forward, senders, handler order, unhandled messages, PoisonPill and Kill, on real threads.</summary>
public sealed class MessagingSpec : TestKit
{
    private static readonly TimeSpan CompletionLimit = TimeSpan.FromSeconds(30);

    public MessagingSpec() : base(TestKitMode.RealTime)
    {
    }

    private sealed record Numbered(int Sender, int Seq);

    private sealed record Go(IActorRef Receiver, int Count);

    private sealed record Answer(string Text, IActorRef SenderSeen);

    private sealed record Late;

    /// <summary>Records every sequence number by sender (the number's tag or the actor that sent it) until it has <c>expected</c>.</summary>
    private sealed class SequenceRecorder : ReceiveActor
    {
        public SequenceRecorder(int expected, TaskCompletionSource<Dictionary<object, List<int>>> done)
        {
            var seen = new Dictionary<object, List<int>>();
            var count = 0;
            void Record(object sender, int seq)
            {
                if (!seen.TryGetValue(sender, out var list))
                    seen[sender] = list = [];
                list.Add(seq);
                if (++count == expected)
                    done.TrySetResult(seen);
            }
            Receive<Numbered>(m => Record(m.Sender, m.Seq));
            Receive<int>(seq => Record(Sender, seq));
        }
    }

    /// <summary>On <see cref="Go"/>, tells 0, 1, … to the receiver as itself.</summary>
    private sealed class SequenceSender : ReceiveActor
    {
        public SequenceSender()
        {
            Receive<Go>(go =>
            {
                for (var i = 0; i < go.Count; i++)
                    go.Receiver.Tell(i);
            });
        }
    }

    private sealed class SenderReporter : ReceiveActor
    {
        public SenderReporter(IActorRef report)
        {
            Receive<string>(s =>
            {
                report.Tell(Sender, Self);
                Sender.Tell("reply to " + s, Self);
            });
        }
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef target) => ReceiveAny(m => target.Tell(m));
    }

    private sealed class Replier : ReceiveActor
    {
        public Replier() => Receive<string>(s => Sender.Tell(new Answer(s, Sender), Self));
    }

    private sealed class Classifier : ReceiveActor
    {
        public Classifier()
        {
            Receive<string>(s => Sender.Tell("short " + s), s => s.Length <= 3);
            Receive<string>(s => Sender.Tell("string " + s));
            Receive<int>(i =>
            {
                if (i < 0)
                    return false;
                Sender.Tell("natural " + i);
                return true;
            });
            Receive<IComparable>(c => Sender.Tell("comparable " + c));
            ReceiveAny(m => Sender.Tell("any " + m.GetType().Name));
            Receive<Late>(_ => Sender.Tell("late handler"));
        }
    }

    private sealed class NonEmptyStrings : ReceiveActor
    {
        public NonEmptyStrings() => Receive<string>(s => Sender.Tell(s), s => s.Length > 0);
    }

    private sealed class Lifecycle : ReceiveActor
    {
        private readonly IActorRef _report;

        public Lifecycle(IActorRef report)
        {
            _report = report;
            Receive<string>(s => report.Tell(s));
        }

        protected override void PreStart() => _report.Tell("pre-start");

        protected override void PostStop() => _report.Tell("post-stop");
    }

    [Fact]
    public async Task Each_threads_sequence_arrives_complete_and_in_order_when_threads_tell_concurrently()
    {
        const int threads = 4;
        const int perThread = 5_000;
        var done = new TaskCompletionSource<Dictionary<object, List<int>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = Sys.ActorOf(Props.Create(() => new SequenceRecorder(threads * perThread, done)), "receiver");
        using var start = new Barrier(threads);
        var senders = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
                receiver.Tell(new Numbered(t, i), ActorRefs.NoSender);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(senders);

        var received = await done.Task.WaitAsync(CompletionLimit);

        Assert.Equal(Enumerable.Range(0, threads).Cast<object>().Order(), received.Keys.Order());
        foreach (var sequence in received.Values)
            Assert.Equal(Enumerable.Range(0, perThread), sequence);
    }

    [Fact]
    public async Task Each_actors_sequence_arrives_complete_and_in_order_when_actors_tell_concurrently()
    {
        const int actors = 8;
        const int perActor = 2_000;
        var done = new TaskCompletionSource<Dictionary<object, List<int>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = Sys.ActorOf(Props.Create(() => new SequenceRecorder(actors * perActor, done)), "receiver");
        var senders = Enumerable.Range(0, actors)
            .Select(i => Sys.ActorOf(Props.Create(() => new SequenceSender()), "sender-" + i))
            .ToArray();
        foreach (var sender in senders)
            sender.Tell(new Go(receiver, perActor), ActorRefs.NoSender);

        var received = await done.Task.WaitAsync(CompletionLimit);

        Assert.Equal(actors, received.Count);
        foreach (var sender in senders)
            Assert.Equal(Enumerable.Range(0, perActor), received[sender]);
    }

    [Fact]
    public void A_message_told_without_a_sender_sees_dead_letters_as_Sender_and_a_reply_to_it_is_a_dead_letter()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SenderReporter(TestActor)), "reporter");

        var explicitNoSender = ExpectEvent<DeadLetter>(
            () => actor.Tell("one", ActorRefs.NoSender), d => Equals(d.Message, "reply to one"));
        Assert.Equal(Sys.DeadLetters, ExpectMsg<IActorRef>());
        Assert.Equal(actor, explicitNoSender.Sender);
        Assert.Equal(Sys.DeadLetters, explicitNoSender.Recipient);

        // Outside an actor, Tell without a sender argument has no sender either.
        var implicitNoSender = ExpectEvent<DeadLetter>(() => actor.Tell("two"), d => Equals(d.Message, "reply to two"));
        Assert.Equal(Sys.DeadLetters, ExpectMsg<IActorRef>());
        Assert.Equal(actor, implicitNoSender.Sender);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var replier = Sys.ActorOf(Props.Create(() => new Replier()), "replier");
        var forwarder = Sys.ActorOf(Props.Create(() => new Forwarder(replier)), "forwarder");

        forwarder.Tell("question", TestActor);

        var reply = ExpectMsg<Answer>();
        Assert.Equal("question", reply.Text);
        Assert.Equal(TestActor, reply.SenderSeen);
        Assert.Equal(replier, LastSender);
    }

    [Fact]
    public void Tell_inside_an_actor_without_a_sender_argument_sends_as_that_actor()
    {
        var relay = Sys.ActorOf(Props.Create(() => new Relay(TestActor)), "relay");
        var forwarder = Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)), "forwarder");
        var probe = CreateTestProbe();

        relay.Tell("relayed", probe.Ref);
        ExpectMsg("relayed");
        Assert.Equal(relay, LastSender);

        forwarder.Tell("forwarded", probe.Ref);
        ExpectMsg("forwarded");
        Assert.Equal(probe.Ref, LastSender);
    }

    [Fact]
    public void Handlers_are_tried_in_registration_order_and_a_predicate_or_a_false_result_passes_the_message_on()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Classifier()), "classifier");

        foreach (var message in new object[] { "abc", "abcd", 7, -7, 2.5, new Late() })
            actor.Tell(message, TestActor);

        ExpectMsg("short abc");
        ExpectMsg("string abcd");
        ExpectMsg("natural 7");
        ExpectMsg("comparable -7");
        ExpectMsg("comparable 2.5");
        ExpectMsg("any Late"); // ReceiveAny, registered earlier, wins over the later Receive<Late>
    }

    [Fact]
    public void An_unhandled_message_is_published_as_UnhandledMessage_and_the_actor_goes_on()
    {
        var actor = Sys.ActorOf(Props.Create(() => new NonEmptyStrings()), "strings");

        var wrongType = ExpectEvent<UnhandledMessage>(() => actor.Tell(42, TestActor));
        Assert.Equal(42, wrongType.Message);
        Assert.Equal(TestActor, wrongType.Sender);
        Assert.Equal(actor, wrongType.Recipient);

        var rejected = ExpectEvent<UnhandledMessage>(() => actor.Tell("", TestActor));
        Assert.Equal("", rejected.Message);

        actor.Tell("still here", TestActor);
        ExpectMsg("still here");
    }

    [Fact]
    public void PoisonPill_stops_the_actor_after_the_messages_queued_before_it()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new Lifecycle(TestActor)), "victim");
        Watch(actor);
        ExpectMsg("pre-start");

        actor.Tell("a", TestActor);
        actor.Tell("b", TestActor);
        actor.Tell(PoisonPill.Instance, TestActor);
        actor.Tell("c", TestActor);

        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("post-stop");
        ExpectTerminated(actor);
        var letter = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal("c", letter.Message);
        Assert.Equal(TestActor, letter.Sender);
        Assert.Equal(actor, letter.Recipient);
    }

    [Fact]
    public void Kill_fails_the_actor_with_ActorKilledException_and_the_default_decider_stops_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Lifecycle(TestActor)), "victim");
        Watch(actor);
        ExpectMsg("pre-start");

        var error = ExpectEvent<Error>(() =>
        {
            actor.Tell("before", TestActor);
            actor.Tell(Kill.Instance, TestActor);
        }, e => e.Cause is ActorKilledException);

        Assert.Equal(actor.Path.ToString(), error.LogSource);
        Assert.EndsWith("; stop", error.Message);
        ExpectMsg("before");
        ExpectMsg("post-stop"); // stopped, not restarted: no second pre-start comes before the termination
        ExpectTerminated(actor);
    }
}
