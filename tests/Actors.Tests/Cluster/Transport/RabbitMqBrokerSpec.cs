using System.Net;
using System.Net.Sockets;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Testing.Cluster;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

/// <summary>The broker contract on <see cref="RabbitMqBroker"/> against a real RabbitMQ 3.10 (a throwaway broker).</summary>
[Collection(RealBrokerCollection.Name)]
public sealed class RabbitMqBrokerSpec(RealBrokerFixture fixture) : BrokerContractSpec
{
    private ThrowawayBroker Server => fixture.Broker;

    // Recovery is retried every second rather than every five, so a restart costs the tests little more than the restart.
    private RabbitMqSettings Settings => Server.Settings with
    {
        NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    protected override IBroker Broker => new RabbitMqBroker(Settings);

    protected override string User => Server.User;

    protected override TimeSpan Patience => TimeSpan.FromSeconds(10);

    protected override TimeSpan RecoveryPatience => TimeSpan.FromSeconds(60);

    protected override TimeSpan Quiet => TimeSpan.FromMilliseconds(200);

    protected override Task Elapse(TimeSpan time) => Task.Delay(time);

    protected override IBroker WithPassword(string password) => new RabbitMqBroker(Settings with { Password = password });

    // A port that was free a moment ago: the kernel hands out ports it has not given recently.
    protected override IBroker Unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new RabbitMqBroker(Settings with { Port = port });
    }

    protected override void Restart() => Server.Restart();
}
