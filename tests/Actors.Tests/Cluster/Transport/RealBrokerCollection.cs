using ShampooActors.Testing.Cluster;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

/// <summary>The test classes that share one real broker, and so run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RealBrokerCollection : ICollectionFixture<RealBrokerFixture>
{
    public const string Name = "real RabbitMQ broker";
}

/// <summary>One throwaway RabbitMQ broker for the whole test assembly: starting one costs seconds.</summary>
public sealed class RealBrokerFixture : IDisposable
{
    /// <summary>Fails, and with it every test of the collection, when rabbitmq-server is missing (scripts/setup.sh installs it).</summary>
    public ThrowawayBroker Broker { get; } = new();

    public void Dispose() => Broker.Dispose();
}
