namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>
/// Runs the stress specs by themselves, after the other specs: their load on the thread pool would otherwise delay the
/// real-time specs running beside them past their timing windows.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StressCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "stress";
}

/// <summary>
/// Many actors and many messages on the real thread pool: every message arrives exactly once and in order per sender,
/// whether the senders are threads or actors, and while the receivers fail and restart.
/// </summary>
[Collection(StressCollection.Name)]
public sealed class StressSpec() : TestKit(TestKitMode.RealTime)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private sealed record Msg(int Sender, int Seq);

    private sealed record Report;

    private sealed record Flush(int Sender);

    /// <summary>What one receiver saw: per sender the next sequence number it expects and how many arrived, and misorders.</summary>
    private sealed record Tally(int Total, int[] Next, int[] Count, int OutOfOrder);

    /// <summary>Counts messages per sender and checks each sender's sequence numbers arrive as 0, 1, 2, ….</summary>
    private sealed class Receiver : ReceiveActor
    {
        private readonly int[] _next;
        private readonly int[] _count;
        private int _total;
        private int _outOfOrder;
        private int _flushes;

        public Receiver(int senders, TaskCompletionSource<Tally>? done)
        {
            _next = new int[senders];
            _count = new int[senders];
            Receive<Msg>(m =>
            {
                if (m.Seq != _next[m.Sender])
                    _outOfOrder++;
                _next[m.Sender] = m.Seq + 1;
                _count[m.Sender]++;
                _total++;
            });
            Receive<Report>(_ => Sender.Tell(Snapshot()));
            Receive<Flush>(_ =>
            {
                if (++_flushes == senders)
                    done!.TrySetResult(Snapshot());
            });
        }

        private Tally Snapshot() => new(_total, [.. _next], [.. _count], _outOfOrder);
    }

    private static void AssertExactlyOnceInOrder(Tally tally, int senders, int perSender)
    {
        Assert.Equal(0, tally.OutOfOrder);
        Assert.Equal(senders * perSender, tally.Total);
        Assert.All(tally.Count, c => Assert.Equal(perSender, c));
        Assert.All(tally.Next, n => Assert.Equal(perSender, n));
    }

    [Fact]
    public async Task Every_message_from_many_concurrent_threads_arrives_exactly_once_and_in_order_per_sender()
    {
        const int receivers = 200, senders = 40, perPair = 25; // 200 000 messages
        var targets = Enumerable.Range(0, receivers)
            .Select(i => Sys.ActorOf(Props.Create(() => new Receiver(senders, null)), $"receiver-{i}"))
            .ToArray();
        await SendFromThreads(targets, senders, perPair);

        // Every Tell above has returned, so each receiver's Report is queued behind all of its messages.
        var tallies = await Task.WhenAll(targets.Select(t => t.Ask<Tally>(new Report(), Limit)));
        Assert.All(tallies, t => AssertExactlyOnceInOrder(t, senders, perPair));
    }

    private sealed record Go;

    /// <summary>On <see cref="Go"/> sends its sequence round-robin to the receivers, then a flush to each.</summary>
    private sealed class SenderActor : ReceiveActor
    {
        public SenderActor(int id, IActorRef[] receivers, int perReceiver)
        {
            Receive<Go>(_ =>
            {
                for (var seq = 0; seq < perReceiver; seq++)
                    foreach (var receiver in receivers)
                        receiver.Tell(new Msg(id, seq));
                foreach (var receiver in receivers)
                    receiver.Tell(new Flush(id));
            });
        }
    }

    [Fact]
    public async Task Every_message_between_many_actors_arrives_exactly_once_and_in_order_per_sender()
    {
        const int receivers = 100, senders = 100, perPair = 20; // 200 000 messages
        var done = Enumerable.Range(0, receivers)
            .Select(_ => new TaskCompletionSource<Tally>(TaskCreationOptions.RunContinuationsAsynchronously))
            .ToArray();
        var targets = Enumerable.Range(0, receivers)
            .Select(i => Sys.ActorOf(Props.Create(() => new Receiver(senders, done[i])), $"receiver-{i}"))
            .ToArray();
        var sources = Enumerable.Range(0, senders)
            .Select(i => Sys.ActorOf(Props.Create(() => new SenderActor(i, targets, perPair)), $"sender-{i}"))
            .ToArray();

        foreach (var source in sources)
            source.Tell(new Go(), ActorRefs.NoSender);

        var tallies = await Task.WhenAll(done.Select(d => d.Task)).WaitAsync(Limit);
        Assert.All(tallies, t => AssertExactlyOnceInOrder(t, senders, perPair));
    }

    /// <summary>What a restarting actor's instances saw, kept outside them so it survives restarts.</summary>
    private sealed class Ledger(int senders)
    {
        public int[] Next { get; } = new int[senders];

        public int OutOfOrder { get; set; }

        public int Handled { get; set; }

        public int Failed { get; set; }

        public int Incarnations { get; set; }
    }

    private sealed record LedgerReport(int[] Next, int OutOfOrder, int Handled, int Failed, int Incarnations);

    /// <summary>Records every message in its ledger and fails on every hundredth of each sender's sequence.</summary>
    private sealed class Flaky : ReceiveActor
    {
        public Flaky(Ledger ledger)
        {
            ledger.Incarnations++;
            Receive<Msg>(m =>
            {
                if (m.Seq != ledger.Next[m.Sender])
                    ledger.OutOfOrder++;
                ledger.Next[m.Sender] = m.Seq + 1;
                if (m.Seq % 100 == 99)
                {
                    ledger.Failed++;
                    throw new InvalidOperationException($"message {m.Seq} of sender {m.Sender}");
                }
                ledger.Handled++;
            });
            Receive<Report>(_ => Sender.Tell(new LedgerReport([.. ledger.Next], ledger.OutOfOrder, ledger.Handled, ledger.Failed, ledger.Incarnations)));
        }
    }

    [Fact]
    public async Task Actors_that_fail_and_restart_under_load_lose_only_the_messages_they_failed_on()
    {
        const int actors = 50, senders = 4, perPair = 1000; // 200 000 messages, 2 000 restarts
        var targets = Enumerable.Range(0, actors)
            .Select(i =>
            {
                var ledger = new Ledger(senders);
                return Sys.ActorOf(Props.Create(() => new Flaky(ledger)), $"flaky-{i}");
            })
            .ToArray();
        await SendFromThreads(targets, senders, perPair);

        var reports = await Task.WhenAll(targets.Select(t => t.Ask<LedgerReport>(new Report(), Limit)));
        const int failuresPerActor = senders * (perPair / 100);
        Assert.All(reports, r =>
        {
            Assert.Equal(0, r.OutOfOrder);
            Assert.All(r.Next, n => Assert.Equal(perPair, n));
            Assert.Equal(failuresPerActor, r.Failed);
            Assert.Equal(senders * perPair - failuresPerActor, r.Handled);
            Assert.Equal(failuresPerActor + 1, r.Incarnations);
        });
    }

    /// <summary>Each of <paramref name="senders"/> pool threads, released together, tells every target its numbered sequence.</summary>
    private static async Task SendFromThreads(IActorRef[] targets, int senders, int perPair)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            await start.Task;
            for (var seq = 0; seq < perPair; seq++)
                foreach (var target in targets)
                    target.Tell(new Msg(s, seq), ActorRefs.NoSender);
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(sending).WaitAsync(Limit);
    }
}
