using ShampooActors.Testing.Cluster;

namespace ShampooActors.Host.Tests.Cluster;

/// <summary>The collection of specs that run the CLI against one throwaway RabbitMQ broker, one at a time (one of them restarts it).</summary>
[CollectionDefinition(Name)]
public sealed class HostBrokerCollection : ICollectionFixture<HostBrokerFixture>
{
    public const string Name = "host RabbitMQ broker";
}

/// <summary>One throwaway broker for the CLI's cluster specs; it fails them all when rabbitmq-server is missing (scripts/setup.sh installs it).</summary>
public sealed class HostBrokerFixture : IDisposable
{
    public ThrowawayBroker Broker { get; } = new();

    public void Dispose() => Broker.Dispose();
}
