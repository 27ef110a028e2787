using ShampooActors.Configuration;

namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>
/// Mailbox turns in virtual time, on a default dispatcher whose throughput is 2: the deterministic run queue is FIFO, a
/// mailbox joins it when its first message arrives, a turn handles the system messages first and then up to 2 user
/// messages, and a mailbox with messages left joins the queue again at the back.
/// </summary>
public sealed class MailboxSpec : TestKit
{
    public MailboxSpec() : base(config: Config.Parse("actors.dispatchers.default.throughput = 2"))
    {
    }

    /// <summary>Records "name+message" into a list shared by every recorder (virtual time runs on one thread).</summary>
    private sealed class Recorder : ReceiveActor
    {
        private readonly List<string> _log;
        private readonly string _name;

        public Recorder(string name, List<string> log)
        {
            _name = name;
            _log = log;
            Receive<string>(s => log.Add(name + s));
        }

        protected override void PostStop() => _log.Add(_name + " stopped");
    }

    private IActorRef Started(string name, List<string> log)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(name, log)), name);
        RunUntilIdle(); // created: both mailboxes are idle and out of the run queue
        return actor;
    }

    [Fact]
    public void Two_busy_actors_take_turns_of_throughput_messages_each()
    {
        var log = new List<string>();
        var a = Started("A", log);
        var b = Started("B", log);

        // A joins the run queue with its first message, B with its own: the queue is [A, B].
        for (var i = 1; i <= 4; i++)
            a.Tell(i.ToString(), TestActor);
        for (var i = 1; i <= 4; i++)
            b.Tell(i.ToString(), TestActor);
        Assert.Empty(log);
        RunUntilIdle();

        // A: 1, 2, then back of the queue [B, A]; B: 1, 2 → [A, B]; A: 3, 4 (empty, leaves); B: 3, 4.
        Assert.Equal(["A1", "A2", "B1", "B2", "A3", "A4", "B3", "B4"], log);
    }

    [Fact]
    public void The_mailbox_whose_first_message_arrived_first_takes_the_first_turn()
    {
        var log = new List<string>();
        var a = Started("A", log);
        var b = Started("B", log);

        // B's first message arrives before A's: the queue is [B, A] although A was created first.
        b.Tell("1", TestActor);
        for (var i = 1; i <= 4; i++)
            a.Tell(i.ToString(), TestActor);
        for (var i = 2; i <= 5; i++)
            b.Tell(i.ToString(), TestActor);
        RunUntilIdle();

        // B: 1, 2 → [A, B]; A: 1, 2 → [B, A]; B: 3, 4 → [A, B]; A: 3, 4 (empty, leaves); B: 5.
        Assert.Equal(["B1", "B2", "A1", "A2", "B3", "B4", "A3", "A4", "B5"], log);
    }

    [Fact]
    public void A_stop_queued_behind_user_messages_is_processed_first_and_the_user_messages_become_dead_letters_in_order()
    {
        var log = new List<string>();
        var actor = Started("A", log);
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        actor.Tell("1", TestActor);
        actor.Tell("2", TestActor);
        actor.Tell("3", TestActor);
        Sys.Stop(actor);
        RunUntilIdle();

        Assert.Equal(["A stopped"], log);
        Assert.Equal(new DeadLetter("1", TestActor, actor), deadLetters.ExpectMsg<DeadLetter>());
        Assert.Equal(new DeadLetter("2", TestActor, actor), deadLetters.ExpectMsg<DeadLetter>());
        Assert.Equal(new DeadLetter("3", TestActor, actor), deadLetters.ExpectMsg<DeadLetter>());
        deadLetters.ExpectNoMsg();
        Assert.Equal(["A stopped"], log);
    }
}
