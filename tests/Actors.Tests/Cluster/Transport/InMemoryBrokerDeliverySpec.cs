using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

/// <summary>How <see cref="InMemoryBroker"/> runs consumer handlers: inside the operation, one at a time, never reentrantly.</summary>
public sealed class InMemoryBrokerDeliverySpec
{
    private readonly InMemoryBroker _broker = new();

    private async Task<IBrokerChannel> Channel(int prefetch = 0) => await (await _broker.ConnectAsync("node")).OpenChannelAsync(prefetch);

    [Fact]
    public async Task The_handler_has_run_when_the_publish_that_made_the_message_deliverable_returns()
    {
        var channel = await Channel();
        await channel.DeclareQueueAsync(new QueueSpec("q"));
        var handled = new List<string>();
        await channel.ConsumeAsync("q", d =>
        {
            handled.Add(d.Text());
            return Task.CompletedTask;
        });

        var publish = channel.PublishAsync("", "q", Bodies.Of("now"));

        Assert.True(publish.IsCompletedSuccessfully);
        Assert.Equal(["now"], handled);
    }

    [Fact]
    public async Task A_handler_that_acknowledges_from_inside_gets_the_next_delivery_only_after_it_returns()
    {
        var channel = await Channel(prefetch: 1);
        await channel.DeclareQueueAsync(new QueueSpec("q"));
        var trace = new List<string>();
        var depth = 0;
        await channel.ConsumeAsync("q", async d =>
        {
            depth++;
            trace.Add($"start {d.Text()} at depth {depth}");
            await channel.AckAsync(d.DeliveryTag);
            trace.Add($"end {d.Text()}");
            depth--;
        });

        await channel.PublishAsync("", "q", Bodies.Of("1"));
        await channel.PublishAsync("", "q", Bodies.Of("2"));
        await channel.PublishAsync("", "q", Bodies.Of("3"));

        Assert.Equal(["start 1 at depth 1", "end 1", "start 2 at depth 1", "end 2", "start 3 at depth 1", "end 3"], trace);
        Assert.Equal(3, _broker.AckedCount("q"));
    }

    [Fact]
    public async Task A_pending_handler_holds_back_its_own_channel_but_not_another()
    {
        var slow = await Channel();
        var fast = await Channel();
        await slow.DeclareQueueAsync(new QueueSpec("slow"));
        await slow.DeclareQueueAsync(new QueueSpec("fast"));
        var release = new TaskCompletionSource();
        var trace = new List<string>();
        await slow.ConsumeAsync("slow", async d =>
        {
            trace.Add("slow " + d.Text());
            await release.Task;
        });
        await fast.ConsumeAsync("fast", d =>
        {
            trace.Add("fast " + d.Text());
            return Task.CompletedTask;
        });

        await slow.PublishAsync("", "slow", Bodies.Of("1"));
        await slow.PublishAsync("", "slow", Bodies.Of("2"));
        await slow.PublishAsync("", "fast", Bodies.Of("1"));
        Assert.Equal(["slow 1", "fast 1"], trace);

        release.SetResult();

        Assert.Equal(["slow 1", "fast 1", "slow 2"], trace);
    }

    [Fact]
    public async Task A_failing_handler_leaves_its_delivery_unacknowledged_and_the_failure_is_kept()
    {
        var channel = await Channel();
        await channel.DeclareQueueAsync(new QueueSpec("q"));
        await channel.ConsumeAsync("q", _ => throw new InvalidOperationException("boom"));

        await channel.PublishAsync("", "q", Bodies.Of("x"));

        Assert.Equal("boom", Assert.Single(_broker.HandlerFailures).Message);
        Assert.Equal(1, _broker.QueueState("q")?.Unacked);
    }

    [Fact]
    public async Task Competing_consumers_on_one_channel_take_turns()
    {
        var channel = await Channel();
        await channel.DeclareQueueAsync(new QueueSpec("q"));
        var trace = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
            await channel.ConsumeAsync("q", d =>
            {
                trace.Add($"{name}{d.Text()}");
                return Task.CompletedTask;
            });

        for (var i = 1; i <= 6; i++)
            await channel.PublishAsync("", "q", Bodies.Of($"{i}"));

        Assert.Equal(["a1", "b2", "c3", "a4", "b5", "c6"], trace);
    }

    [Fact]
    public async Task Each_delivery_owns_a_copy_of_the_body()
    {
        var channel = await Channel();
        await channel.DeclareExchangeAsync("fan", ExchangeKind.Fanout);
        foreach (var queue in new[] { "a", "b" })
        {
            await channel.DeclareQueueAsync(new QueueSpec(queue));
            await channel.BindQueueAsync(queue, "fan", "");
        }
        var body = new byte[] { 1, 2, 3 };
        await channel.PublishAsync("fan", "", body);
        body[0] = 9;

        var a = await channel.GetAsync("a");
        a!.Body[1] = 9;
        var b = await channel.GetAsync("b");

        Assert.Equal([1, 2, 3], b!.Body);
    }
}
