using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

/// <summary>The broker contract on <see cref="InMemoryBroker"/>: everything has happened by the time an operation returns.</summary>
public sealed class InMemoryBrokerSpec : BrokerContractSpec
{
    private readonly InMemoryBroker _broker;
    private TimeSpan _now;

    public InMemoryBrokerSpec() => _broker = new InMemoryBroker("shampoo", "secret", () => _now);

    protected override IBroker Broker => _broker;

    protected override string User => "shampoo";

    protected override TimeSpan Patience => TimeSpan.Zero;

    protected override TimeSpan RecoveryPatience => TimeSpan.Zero;

    protected override TimeSpan Quiet => TimeSpan.Zero;

    protected override Task Elapse(TimeSpan time)
    {
        _now += time;
        return Task.CompletedTask;
    }

    protected override IBroker WithPassword(string password) => _broker.As(User, password);

    protected override IBroker Unreachable()
    {
        var stopped = new InMemoryBroker();
        stopped.Stop();
        return stopped;
    }

    protected override void Restart()
    {
        _broker.Stop();
        _broker.Start();
    }
}
