using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

/// <summary>Queue expiry in virtual time, dead-letter cycles and the counters of <see cref="InMemoryBroker"/>.</summary>
public sealed class InMemoryBrokerQueueSpec
{
    private TimeSpan _now;

    [Fact]
    public async Task A_queue_with_x_expires_is_deleted_once_unused_that_long_and_a_get_or_a_consumer_keeps_it()
    {
        var broker = new InMemoryBroker(() => _now);
        var channel = await (await broker.ConnectAsync("node")).OpenChannelAsync(0);
        await channel.DeclareQueueAsync(new QueueSpec("lease") { Expires = TimeSpan.FromSeconds(10) });

        _now = TimeSpan.FromSeconds(9);
        await channel.GetAsync("lease");
        _now = TimeSpan.FromSeconds(18);
        Assert.NotNull(broker.QueueState("lease"));
        var tag = await channel.ConsumeAsync("lease", new Inbox().Handler);
        _now = TimeSpan.FromSeconds(60);
        Assert.NotNull(broker.QueueState("lease"));
        await channel.CancelConsumerAsync(tag);
        _now = TimeSpan.FromSeconds(70);

        Assert.Null(broker.QueueState("lease"));
    }

    [Fact]
    public async Task Without_a_clock_queues_never_expire()
    {
        var broker = new InMemoryBroker();
        var channel = await (await broker.ConnectAsync("node")).OpenChannelAsync(0);

        await channel.DeclareQueueAsync(new QueueSpec("lease") { Expires = TimeSpan.FromMilliseconds(1) });

        Assert.NotNull(broker.QueueState("lease"));
    }

    [Fact]
    public async Task A_dead_letter_that_would_overflow_back_into_its_own_queue_is_dropped_instead_of_looping()
    {
        var broker = new InMemoryBroker();
        var channel = await (await broker.ConnectAsync("node")).OpenChannelAsync(0);
        await channel.DeclareQueueAsync(new QueueSpec("loop") { MaxLength = 1, DeadLetterExchange = "" , DeadLetterRoutingKey = "loop" });

        await channel.PublishAsync("", "loop", Bodies.Of("1"));
        await channel.PublishAsync("", "loop", Bodies.Of("2"));

        Assert.Equal("2", (await channel.GetAsync("loop"))?.Text());
        Assert.Equal(1, broker.DeadLetteredCount("loop", "maxlen"));
    }

    [Fact]
    public async Task The_counters_tell_what_was_published_acknowledged_and_dead_lettered()
    {
        var broker = new InMemoryBroker();
        var channel = await (await broker.ConnectAsync("node")).OpenChannelAsync(0);
        await channel.DeclareQueueAsync(new QueueSpec("q") { MaxLength = 2 });
        for (var i = 0; i < 4; i++)
            await channel.PublishAsync("", "q", Bodies.Of($"{i}"));
        await channel.PublishAsync("", "nobody", Bodies.Of("lost"));

        var first = await channel.GetAsync("q");
        var second = await channel.GetAsync("q");
        await channel.AckAsync(first!.DeliveryTag);
        await channel.RejectAsync(second!.DeliveryTag, requeue: false);

        Assert.Equal(5, broker.PublishedCount(""));
        Assert.Equal(1, broker.AckedCount("q"));
        Assert.Equal(2, broker.DeadLetteredCount("q", "maxlen"));
        Assert.Equal(1, broker.DeadLetteredCount("q", "rejected"));
        Assert.Equal(3, broker.DeadLetteredCount("q"));
        Assert.Equal(new InMemoryQueueState("q", 0, 0, 0, 4), broker.QueueState("q"));
        Assert.Equal(["q"], broker.QueueNames);
    }
}
