using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

public abstract partial class BrokerContractSpec
{
    [Fact]
    public async Task The_default_exchange_routes_a_message_to_the_queue_named_by_its_routing_key()
    {
        var channel = await Channel();
        var queue = Name("q");
        await channel.DeclareQueueAsync(new QueueSpec(queue));

        await channel.PublishAsync("", queue, Bodies.Of("hello"));

        var delivery = await channel.GetAsync(queue);
        Assert.NotNull(delivery);
        Assert.Equal("hello", delivery.Text());
        Assert.Equal(queue, delivery.Queue);
        Assert.False(delivery.Redelivered);
        Assert.Null(delivery.DeathReason);
    }

    [Fact]
    public async Task A_fanout_exchange_copies_each_message_to_every_bound_queue()
    {
        var channel = await Channel();
        var (exchange, first, second) = (Name("fan"), Name("a"), Name("b"));
        await channel.DeclareExchangeAsync(exchange, ExchangeKind.Fanout);
        foreach (var (queue, key) in new[] { (first, "ignored"), (second, "also-ignored") })
        {
            await channel.DeclareQueueAsync(new QueueSpec(queue));
            await channel.BindQueueAsync(queue, exchange, key);
        }

        await channel.PublishAsync(exchange, "anything", Bodies.Of("news"));

        Assert.Equal("news", (await channel.GetAsync(first))?.Text());
        Assert.Equal("news", (await channel.GetAsync(second))?.Text());
    }

    [Fact]
    public async Task A_direct_exchange_routes_by_the_binding_key()
    {
        var channel = await Channel();
        var (exchange, first, second) = (Name("direct"), Name("a"), Name("b"));
        await channel.DeclareExchangeAsync(exchange, ExchangeKind.Direct);
        await channel.DeclareQueueAsync(new QueueSpec(first));
        await channel.DeclareQueueAsync(new QueueSpec(second));
        await channel.BindQueueAsync(first, exchange, "k1");
        await channel.BindQueueAsync(second, exchange, "k2");

        await channel.PublishAsync(exchange, "k2", Bodies.Of("for b"));

        Assert.Equal(0u, await channel.MessageCountAsync(first));
        Assert.Equal("for b", (await channel.GetAsync(second))?.Text());
    }

    [Fact]
    public async Task A_max_length_1_queue_keeps_only_the_newest_message_and_dead_letters_the_dropped_with_reason_maxlen()
    {
        var channel = await Channel();
        var (dlx, dead) = await DeadLetters(channel);
        var latest = Name("latest");
        await channel.DeclareQueueAsync(new QueueSpec(latest) { MaxLength = 1, DeadLetterExchange = dlx });

        foreach (var body in new[] { "v1", "v2", "v3" })
            await channel.PublishAsync("", latest, Bodies.Of(body));

        Assert.Equal(1u, await channel.MessageCountAsync(latest));
        Assert.Equal("v3", (await channel.GetAsync(latest))?.Text());
        var first = await channel.GetAsync(dead);
        var second = await channel.GetAsync(dead);
        Assert.Equal(("v1", "maxlen"), (first?.Text(), first?.DeathReason));
        Assert.Equal(("v2", "maxlen"), (second?.Text(), second?.DeathReason));
    }

    [Fact]
    public async Task An_unacknowledged_delivery_does_not_count_against_max_length()
    {
        var producer = await Channel();
        var (dlx, dead) = await DeadLetters(producer);
        var latest = Name("latest");
        await producer.DeclareQueueAsync(new QueueSpec(latest) { MaxLength = 1, DeadLetterExchange = dlx });
        var reader = await Channel(prefetch: 1);
        var inbox = new Inbox();
        await reader.ConsumeAsync(latest, inbox.Handler);
        await producer.PublishAsync("", latest, Bodies.Of("v1"));
        var inFlight = await inbox.Next(Patience);

        await producer.PublishAsync("", latest, Bodies.Of("v2"));
        await producer.PublishAsync("", latest, Bodies.Of("v3"));

        Assert.Empty(await inbox.Drain(Quiet));
        Assert.Equal(1u, await producer.MessageCountAsync(latest));
        Assert.Equal(1u, await producer.MessageCountAsync(dead));
        Assert.Equal("v2", (await producer.GetAsync(dead))?.Text());
        await reader.AckAsync(inFlight.DeliveryTag);
        Assert.Equal("v3", (await inbox.Next(Patience)).Text());
    }

    [Fact]
    public async Task A_requeued_delivery_that_overflows_max_length_is_dropped_from_the_head()
    {
        var channel = await Channel();
        var (dlx, dead) = await DeadLetters(channel);
        var latest = Name("latest");
        await channel.DeclareQueueAsync(new QueueSpec(latest) { MaxLength = 1, DeadLetterExchange = dlx });
        await channel.PublishAsync("", latest, Bodies.Of("older"));
        var held = await channel.GetAsync(latest);
        await channel.PublishAsync("", latest, Bodies.Of("newer"));

        await channel.RejectAsync(held!.DeliveryTag, requeue: true);

        var died = await Arrival(channel, dead);
        Assert.Equal(("older", "maxlen"), (died.Text(), died.DeathReason));
        Assert.Equal(1u, await channel.MessageCountAsync(latest));
        Assert.Equal("newer", (await channel.GetAsync(latest))?.Text());
    }

    [Fact]
    public async Task Rejecting_without_requeue_dead_letters_the_message_with_reason_rejected_and_the_dead_letter_routing_key()
    {
        var channel = await Channel();
        var (dlx, dead, work) = (Name("dlx"), Name("dead"), Name("work"));
        await channel.DeclareExchangeAsync(dlx, ExchangeKind.Direct);
        await channel.DeclareQueueAsync(new QueueSpec(dead));
        await channel.BindQueueAsync(dead, dlx, "poison");
        await channel.DeclareQueueAsync(new QueueSpec(work) { DeadLetterExchange = dlx, DeadLetterRoutingKey = "poison" });
        await channel.PublishAsync("", work, Bodies.Of("bad"));
        var delivery = await channel.GetAsync(work);

        await channel.RejectAsync(delivery!.DeliveryTag, requeue: false);

        var died = await Arrival(channel, dead);
        Assert.Equal(("bad", "rejected", false), (died.Text(), died.DeathReason, died.Redelivered));
        Assert.Equal(0u, await channel.MessageCountAsync(work));
    }
}
