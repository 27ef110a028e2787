using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

/// <summary>The fault controls of <see cref="InMemoryBroker"/>: a dying process, a broker going down and coming back.</summary>
public sealed class InMemoryBrokerFaultSpec
{
    private readonly InMemoryBroker _broker = new();

    [Fact]
    public async Task Disconnect_requeues_the_unacknowledged_as_redelivered_deletes_exclusive_queues_and_raises_no_event()
    {
        var survivor = await (await _broker.ConnectAsync("survivor")).OpenChannelAsync(0);
        await survivor.DeclareQueueAsync(new QueueSpec("work"));
        await survivor.PublishAsync("", "work", Bodies.Of("job"));
        var dying = await _broker.ConnectAsync("dying");
        var events = new List<BrokerConnectionState>();
        dying.StateChanged += events.Add;
        var channel = await dying.OpenChannelAsync(1);
        await channel.DeclareQueueAsync(new QueueSpec("liveness") { Exclusive = true });
        await channel.ConsumeAsync("work", new Inbox().Handler);
        Assert.Equal(new InMemoryQueueState("work", 0, 1, 1, 1), _broker.QueueState("work"));

        _broker.Disconnect(dying);

        Assert.False(dying.IsOpen);
        Assert.Empty(events);
        Assert.Null(_broker.QueueState("liveness"));
        Assert.Equal(new InMemoryQueueState("work", 1, 0, 0, 1), _broker.QueueState("work"));
        Assert.True((await survivor.GetAsync("work"))?.Redelivered);
        var closed = await Assert.ThrowsAsync<BrokerException>(() => channel.MessageCountAsync("work"));
        Assert.Equal("cannot count the messages of queue 'work': the connection 'dying' is closed", closed.Message);
    }

    [Fact]
    public async Task Stop_loses_every_connection_and_forgets_everything_and_until_start_nothing_works()
    {
        var connection = await _broker.ConnectAsync("node");
        var events = new List<BrokerConnectionState>();
        connection.StateChanged += events.Add;
        var channel = await connection.OpenChannelAsync(0);
        await channel.DeclareExchangeAsync("fan", ExchangeKind.Fanout);
        await channel.DeclareQueueAsync(new QueueSpec("q"));
        await channel.BindQueueAsync("q", "fan", "");
        await channel.PublishAsync("fan", "", Bodies.Of("gone"));

        _broker.Stop();

        Assert.Equal([BrokerConnectionState.Lost], events);
        Assert.False(connection.IsOpen);
        Assert.Empty(_broker.QueueNames);
        var down = await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueueAsync(new QueueSpec("q")));
        Assert.Equal($"cannot declare queue 'q': the connection to the broker at {InMemoryBroker.Address} is down", down.Message);
        await Assert.ThrowsAsync<BrokerException>(() => connection.OpenChannelAsync(0));
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => _broker.ConnectAsync("late"));

        _broker.Start();

        Assert.Equal([BrokerConnectionState.Lost, BrokerConnectionState.Recovered], events);
        Assert.True(connection.IsOpen);
        var refused = await Assert.ThrowsAsync<BrokerException>(() => channel.PublishAsync("fan", "", Bodies.Of("x")));
        Assert.Contains("NOT_FOUND - no exchange 'fan'", refused.Message);
    }

    [Fact]
    public async Task A_recovered_channel_keeps_its_prefetch()
    {
        var channel = await (await _broker.ConnectAsync("node")).OpenChannelAsync(1);
        _broker.Stop();
        _broker.Start();
        await channel.DeclareQueueAsync(new QueueSpec("q"));
        var inbox = new Inbox();
        await channel.ConsumeAsync("q", inbox.Handler);

        await channel.PublishAsync("", "q", Bodies.Of("1"));
        await channel.PublishAsync("", "q", Bodies.Of("2"));

        Assert.Single(await inbox.Drain(TimeSpan.Zero));
        Assert.Equal(1, _broker.QueueState("q")?.Ready);
    }

    [Fact]
    public async Task Only_the_configured_credentials_are_accepted()
    {
        var broker = new InMemoryBroker("node", "secret");

        await using var accepted = await broker.ConnectAsync("a");
        await using var alsoAccepted = await broker.As("node", "secret").ConnectAsync("b");
        var refused = await Assert.ThrowsAsync<BrokerAuthenticationException>(() => broker.As("guest", "guest").ConnectAsync("c"));

        Assert.Equal($"the broker at {InMemoryBroker.Address} refused user 'guest' (ACCESS_REFUSED)", refused.Message);
        Assert.Equal(2, broker.ConnectionCount);
    }

    [Fact]
    public async Task Acknowledging_an_unknown_tag_is_refused_and_closes_the_channel_but_a_tag_from_before_a_restart_is_ignored()
    {
        var connection = await _broker.ConnectAsync("node");
        var channel = await connection.OpenChannelAsync(0);
        await channel.DeclareQueueAsync(new QueueSpec("q"));
        await channel.PublishAsync("", "q", Bodies.Of("x"));
        var delivery = await channel.GetAsync("q");
        _broker.Stop();
        _broker.Start();

        await channel.AckAsync(delivery!.DeliveryTag);
        var refused = await Assert.ThrowsAsync<BrokerException>(() => channel.AckAsync(delivery.DeliveryTag + 7));

        Assert.Contains("PRECONDITION_FAILED - unknown delivery tag", refused.Message);
        await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueueAsync(new QueueSpec("q")));
        await (await connection.OpenChannelAsync(0)).DeclareQueueAsync(new QueueSpec("q"));
    }
}
