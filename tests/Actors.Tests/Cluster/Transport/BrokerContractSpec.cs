using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

/// <summary>
/// The behaviours of <see cref="IBroker"/> the cluster relies on, run against the in-memory model and a real RabbitMQ
/// broker (the subclasses), so the model stays faithful. Names are unique per test: the real broker is shared.
/// </summary>
public abstract partial class BrokerContractSpec : IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly List<IBrokerConnection> _connections = [];

    /// <summary>The broker under test, connecting with credentials it accepts.</summary>
    protected abstract IBroker Broker { get; }

    /// <summary>The user <see cref="Broker"/> connects as.</summary>
    protected abstract string User { get; }

    /// <summary>The same broker, connecting as <see cref="User"/> with another password.</summary>
    protected abstract IBroker WithPassword(string password);

    /// <summary>A broker nobody answers for.</summary>
    protected abstract IBroker Unreachable();

    /// <summary>Stops the broker and starts it again, with its data where it keeps any.</summary>
    protected abstract void Restart();

    /// <summary>Lets <paramref name="time"/> pass: the virtual clock advances, or the test waits that long on the real broker.</summary>
    protected abstract Task Elapse(TimeSpan time);

    /// <summary>How long to wait for something that should happen (zero in virtual time: it has happened).</summary>
    protected abstract TimeSpan Patience { get; }

    /// <summary>How long to wait for a connection to recover after <see cref="Restart"/>.</summary>
    protected abstract TimeSpan RecoveryPatience { get; }

    /// <summary>How long to watch for something that should not happen (zero in virtual time).</summary>
    protected abstract TimeSpan Quiet { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
    }

    /// <summary>A name unique to this test.</summary>
    protected string Name(string name) => $"{name}-{_id}";

    protected async Task<IBrokerConnection> Connect(string clientName, IBroker? broker = null)
    {
        var connection = await (broker ?? Broker).ConnectAsync(Name(clientName));
        _connections.Add(connection);
        return connection;
    }

    protected async Task<IBrokerChannel> Channel(int prefetch = 0, IBrokerConnection? connection = null) =>
        await (connection ?? await Connect("client")).OpenChannelAsync(prefetch);

    /// <summary>Declares a fanout exchange with one queue bound to it: where dead letters are collected.</summary>
    protected async Task<(string Exchange, string Queue)> DeadLetters(IBrokerChannel channel)
    {
        var (exchange, queue) = (Name("dlx"), Name("dead"));
        await channel.DeclareExchangeAsync(exchange, ExchangeKind.Fanout);
        await channel.DeclareQueueAsync(new QueueSpec(queue));
        await channel.BindQueueAsync(queue, exchange, "");
        return (exchange, queue);
    }

    /// <summary>Whether queue <paramref name="queue"/> exists, asked on a fresh channel (a refused question closes its channel).</summary>
    protected static async Task<bool> Exists(IBrokerConnection connection, string queue)
    {
        await using var channel = await connection.OpenChannelAsync(0);
        try
        {
            await channel.MessageCountAsync(queue);
            return true;
        }
        catch (BrokerException e) when (e.Message.Contains("NOT_FOUND", StringComparison.Ordinal))
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds: the real broker finishes some work (deleting queues) just after it answers.</summary>
    protected async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
                Assert.Fail($"{what} did not happen within {Patience.TotalMilliseconds:0} ms");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The next message of <paramref name="queue"/>, waiting for it: a rejection has no reply, so on the real broker the
    /// dead letter it causes arrives a moment after the call returns.
    /// </summary>
    protected async Task<BrokerDelivery> Arrival(IBrokerChannel channel, string queue)
    {
        BrokerDelivery? delivery = null;
        await Eventually(async () => (delivery = await channel.GetAsync(queue)) is not null, $"a message in queue '{queue}'");
        return delivery!;
    }

    protected static void AssertOneLine(Exception error) => Assert.DoesNotContain('\n', error.Message);
}
