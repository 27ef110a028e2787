using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

public abstract partial class BrokerContractSpec
{
    [Fact]
    public async Task Get_takes_the_messages_in_order_and_returns_null_on_an_empty_queue()
    {
        var channel = await Channel();
        var queue = Name("q");
        await channel.DeclareQueueAsync(new QueueSpec(queue));
        await channel.PublishAsync("", queue, Bodies.Of("1"));
        await channel.PublishAsync("", queue, Bodies.Of("2"));

        var first = await channel.GetAsync(queue);
        var second = await channel.GetAsync(queue);
        var none = await channel.GetAsync(queue);

        Assert.Equal(("1", "2"), (first?.Text(), second?.Text()));
        Assert.Null(none);
    }

    [Fact]
    public async Task The_message_count_counts_ready_messages_only()
    {
        var channel = await Channel();
        var queue = Name("q");
        await channel.DeclareQueueAsync(new QueueSpec(queue));
        for (var i = 0; i < 3; i++)
            await channel.PublishAsync("", queue, Bodies.Of($"{i}"));

        var taken = await channel.GetAsync(queue);

        Assert.Equal(2u, await channel.MessageCountAsync(queue));
        await channel.RejectAsync(taken!.DeliveryTag, requeue: true);
        // RabbitMQ answers the count (a passive declare) ahead of casts the queue has not handled yet, the requeue among them.
        await Eventually(async () => await channel.MessageCountAsync(queue) == 3u, "the requeued message's return");
    }

    [Fact]
    public async Task Deleting_a_queue_removes_it_with_its_messages_and_deleting_a_missing_queue_is_not_an_error()
    {
        var connection = await Connect("client");
        var channel = await connection.OpenChannelAsync(0);
        var queue = Name("q");
        await channel.DeclareQueueAsync(new QueueSpec(queue));
        await channel.PublishAsync("", queue, Bodies.Of("lost"));

        await channel.DeleteQueueAsync(queue);
        await channel.DeleteQueueAsync(queue);
        await channel.DeleteQueueAsync(Name("never-declared"));

        Assert.False(await Exists(connection, queue));
        await channel.DeclareQueueAsync(new QueueSpec(queue));
        Assert.Equal(0u, await channel.MessageCountAsync(queue));
    }

    [Fact]
    public async Task An_exclusive_queue_is_locked_to_its_connection_and_gone_after_that_connection_closes()
    {
        var owner = await Connect("owner");
        var other = await Connect("other");
        var queue = Name("liveness");
        await (await owner.OpenChannelAsync(0)).DeclareQueueAsync(new QueueSpec(queue) { Exclusive = true });

        var locked = await Assert.ThrowsAnyAsync<BrokerException>(
            async () => await (await other.OpenChannelAsync(0)).ConsumeAsync(queue, new Inbox().Handler));
        Assert.Contains("RESOURCE_LOCKED", locked.Message);
        AssertOneLine(locked);

        await owner.DisposeAsync();

        await Eventually(async () => !await Exists(other, queue), "the exclusive queue's deletion");
    }

    [Fact]
    public async Task An_auto_delete_queue_is_deleted_when_its_last_consumer_is_cancelled()
    {
        var connection = await Connect("client");
        var channel = await connection.OpenChannelAsync(0);
        var queue = Name("temp");
        await channel.DeclareQueueAsync(new QueueSpec(queue) { AutoDelete = true });
        var first = await channel.ConsumeAsync(queue, new Inbox().Handler);
        var second = await channel.ConsumeAsync(queue, new Inbox().Handler);

        await channel.CancelConsumerAsync(first);
        Assert.True(await Exists(connection, queue));
        await channel.CancelConsumerAsync(second);

        await Eventually(async () => !await Exists(connection, queue), "the auto-delete queue's deletion");
    }

    [Fact]
    public async Task A_queue_with_x_expires_is_deleted_once_unused_that_long_and_counting_its_messages_renews_the_lease()
    {
        var connection = await Connect("client");
        var channel = await connection.OpenChannelAsync(0);
        var queue = Name("lease");
        await channel.DeclareQueueAsync(new QueueSpec(queue) { Expires = TimeSpan.FromSeconds(1.5) });

        await Elapse(TimeSpan.FromSeconds(0.8));
        await channel.MessageCountAsync(queue);
        await Elapse(TimeSpan.FromSeconds(0.8));
        Assert.True(await Exists(connection, queue));
        await Elapse(TimeSpan.FromSeconds(1.5));

        await Eventually(async () => !await Exists(connection, queue), "the expiry");
    }

    [Fact]
    public async Task Redeclaring_a_queue_with_other_arguments_is_refused_in_one_line_and_closes_the_channel()
    {
        var connection = await Connect("client");
        var channel = await connection.OpenChannelAsync(0);
        var queue = Name("q");
        await channel.DeclareQueueAsync(new QueueSpec(queue) { MaxLength = 1 });
        await channel.DeclareQueueAsync(new QueueSpec(queue) { MaxLength = 1 });

        var refused = await Assert.ThrowsAnyAsync<BrokerException>(() => channel.DeclareQueueAsync(new QueueSpec(queue) { MaxLength = 2 }));

        Assert.Contains("PRECONDITION_FAILED", refused.Message);
        Assert.Contains("x-max-length", refused.Message);
        AssertOneLine(refused);
        var closed = await Assert.ThrowsAnyAsync<BrokerException>(() => channel.MessageCountAsync(queue));
        Assert.Contains("closed", closed.Message);
        Assert.Equal(0u, await (await connection.OpenChannelAsync(0)).MessageCountAsync(queue));
    }

    [Fact]
    public async Task Publishing_to_a_missing_exchange_is_refused()
    {
        var channel = await Channel();

        var refused = await Assert.ThrowsAnyAsync<BrokerException>(() => channel.PublishAsync(Name("nowhere"), "k", Bodies.Of("x")));

        Assert.Contains("NOT_FOUND", refused.Message);
        AssertOneLine(refused);
    }

    [Fact]
    public async Task Publishing_to_the_default_exchange_with_no_such_queue_drops_the_message_quietly()
    {
        var channel = await Channel();

        await channel.PublishAsync("", Name("nobody"), Bodies.Of("x"));

        var queue = Name("q");
        await channel.DeclareQueueAsync(new QueueSpec(queue));
        Assert.Equal(0u, await channel.MessageCountAsync(queue));
    }
}
