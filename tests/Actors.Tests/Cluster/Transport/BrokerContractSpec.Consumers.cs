using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

public abstract partial class BrokerContractSpec
{
    [Fact]
    public async Task Prefetch_1_on_a_channel_consuming_two_queues_holds_one_delivery_at_a_time()
    {
        var producer = await Channel();
        var (first, second) = (Name("a"), Name("b"));
        foreach (var queue in new[] { first, second })
        {
            await producer.DeclareQueueAsync(new QueueSpec(queue));
            await producer.PublishAsync("", queue, Bodies.Of(queue + ".1"));
            await producer.PublishAsync("", queue, Bodies.Of(queue + ".2"));
        }
        var reader = await Channel(prefetch: 1);
        var inbox = new Inbox();
        await reader.ConsumeAsync(first, inbox.Handler);
        await reader.ConsumeAsync(second, inbox.Handler);

        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var delivery = await inbox.Next(Patience);
            Assert.Empty(await inbox.Drain(Quiet));
            Assert.Equal((uint)(3 - i), await producer.MessageCountAsync(first) + await producer.MessageCountAsync(second));
            seen.Add(delivery.Text());
            await reader.AckAsync(delivery.DeliveryTag);
        }
        Assert.Equal([first + ".1", first + ".2", second + ".1", second + ".2"], seen.Order());
    }

    [Fact]
    public async Task Competing_consumers_with_prefetch_1_share_the_work()
    {
        var producer = await Channel();
        var work = Name("work");
        await producer.DeclareQueueAsync(new QueueSpec(work));
        var workers = new List<(IBrokerChannel Channel, Inbox Inbox)>();
        foreach (var name in new[] { "worker-1", "worker-2" })
        {
            var channel = await Channel(prefetch: 1, await Connect(name));
            var inbox = new Inbox();
            await channel.ConsumeAsync(work, inbox.Handler);
            workers.Add((channel, inbox));
        }

        for (var i = 1; i <= 4; i++)
            await producer.PublishAsync("", work, Bodies.Of($"job {i}"));

        var done = new List<List<string>> { new(), new() };
        for (var round = 0; round < 2; round++)
        {
            for (var w = 0; w < workers.Count; w++)
            {
                var delivery = await workers[w].Inbox.Next(Patience);
                Assert.Empty(await workers[w].Inbox.Drain(Quiet));
                done[w].Add(delivery.Text());
                await workers[w].Channel.AckAsync(delivery.DeliveryTag);
            }
        }
        Assert.All(done, jobs => Assert.Equal(2, jobs.Count));
        Assert.Equal(["job 1", "job 2", "job 3", "job 4"], done.SelectMany(j => j).Order());
        Assert.Equal(0u, await producer.MessageCountAsync(work));
    }

    [Fact]
    public async Task Closing_a_connection_with_an_unacknowledged_delivery_redelivers_it_to_another_consumer_marked_redelivered()
    {
        var producer = await Channel();
        var work = Name("work");
        await producer.DeclareQueueAsync(new QueueSpec(work));
        var doomed = await Connect("doomed");
        var first = new Inbox();
        await (await doomed.OpenChannelAsync(1)).ConsumeAsync(work, first.Handler);
        await producer.PublishAsync("", work, Bodies.Of("job"));
        var taken = await first.Next(Patience);
        var heir = new Inbox();
        await (await Channel(prefetch: 1, await Connect("heir"))).ConsumeAsync(work, heir.Handler);
        Assert.Empty(await heir.Drain(Quiet));

        await doomed.DisposeAsync();

        var again = await heir.Next(Patience);
        Assert.Equal(("job", false, true), (again.Text(), taken.Redelivered, again.Redelivered));
    }

    [Fact]
    public async Task Rejecting_with_requeue_delivers_the_message_again_marked_redelivered()
    {
        var channel = await Channel(prefetch: 1);
        var work = Name("work");
        await channel.DeclareQueueAsync(new QueueSpec(work));
        var inbox = new Inbox();
        await channel.ConsumeAsync(work, inbox.Handler);
        await channel.PublishAsync("", work, Bodies.Of("retry me"));
        var first = await inbox.Next(Patience);

        await channel.RejectAsync(first.DeliveryTag, requeue: true);

        var second = await inbox.Next(Patience);
        Assert.Equal(("retry me", false), (first.Text(), first.Redelivered));
        Assert.Equal(("retry me", true), (second.Text(), second.Redelivered));
        Assert.NotEqual(first.DeliveryTag, second.DeliveryTag);
    }

    [Fact]
    public async Task A_cancelled_consumer_gets_no_more_deliveries_and_its_unacknowledged_one_can_still_be_acknowledged()
    {
        var channel = await Channel(prefetch: 1);
        var work = Name("work");
        await channel.DeclareQueueAsync(new QueueSpec(work));
        var inbox = new Inbox();
        var tag = await channel.ConsumeAsync(work, inbox.Handler);
        await channel.PublishAsync("", work, Bodies.Of("1"));
        var delivery = await inbox.Next(Patience);

        await channel.CancelConsumerAsync(tag);
        await channel.PublishAsync("", work, Bodies.Of("2"));
        await channel.AckAsync(delivery.DeliveryTag);

        Assert.Empty(await inbox.Drain(Quiet));
        Assert.Equal(1u, await channel.MessageCountAsync(work));
    }
}
