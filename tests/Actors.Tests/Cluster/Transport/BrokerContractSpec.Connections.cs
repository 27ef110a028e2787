using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

public abstract partial class BrokerContractSpec
{
    [Fact]
    public async Task A_broker_restart_raises_lost_then_recovered_and_the_channel_works_once_the_topology_is_redeclared()
    {
        var connection = await Connect("survivor");
        var channel = await connection.OpenChannelAsync(1);
        var queue = Name("q");
        await channel.DeclareQueueAsync(new QueueSpec(queue));
        var before = new Inbox();
        await channel.ConsumeAsync(queue, before.Handler);
        await channel.PublishAsync("", queue, Bodies.Of("before"));
        var unacked = await before.Next(Patience);
        var states = new List<(BrokerConnectionState State, bool IsOpen)>();
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? duringOutage = null;
        connection.StateChanged += state =>
        {
            lock (states)
                states.Add((state, connection.IsOpen));
            if (state == BrokerConnectionState.Lost)
                duringOutage = channel.MessageCountAsync(queue);
            else
                recovered.TrySetResult();
        };

        Restart();

        await recovered.Task.WaitAsync(RecoveryPatience);
        Assert.Equal([(BrokerConnectionState.Lost, false), (BrokerConnectionState.Recovered, true)], states);
        var outage = await Assert.ThrowsAnyAsync<BrokerException>(() => duringOutage!);
        AssertOneLine(outage);
        Assert.True(connection.IsOpen);
        await channel.AckAsync(unacked.DeliveryTag);
        await channel.DeclareQueueAsync(new QueueSpec(queue));
        var after = new Inbox();
        await channel.ConsumeAsync(queue, after.Handler);
        await channel.PublishAsync("", queue, Bodies.Of("after"));
        var delivery = await after.Next(Patience);
        Assert.Equal(("after", false), (delivery.Text(), delivery.Redelivered));
        Assert.Empty(await before.Drain(Quiet));
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_with_a_one_line_authentication_error()
    {
        var refused = await Assert.ThrowsAsync<BrokerAuthenticationException>(
            () => WithPassword("not-the-password").ConnectAsync(Name("intruder")));

        Assert.Contains($"'{User}'", refused.Message);
        Assert.Contains("ACCESS_REFUSED", refused.Message);
        AssertOneLine(refused);
    }

    [Fact]
    public async Task A_broker_nobody_answers_for_is_unreachable_with_a_one_line_error()
    {
        var unreachable = await Assert.ThrowsAsync<BrokerUnreachableException>(() => Unreachable().ConnectAsync(Name("lonely")));

        Assert.StartsWith("no broker answers at ", unreachable.Message);
        AssertOneLine(unreachable);
    }
}
