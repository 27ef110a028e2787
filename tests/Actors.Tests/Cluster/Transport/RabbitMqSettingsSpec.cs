using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

public sealed class RabbitMqSettingsSpec
{
    [Fact]
    public void Printing_the_settings_masks_the_password()
    {
        var settings = new RabbitMqSettings { Host = "broker", Port = 5673, User = "node", Password = "hunter2" };

        Assert.DoesNotContain("hunter2", settings.ToString());
        Assert.Contains("User = node, Password = ***", settings.ToString());
        Assert.Equal("broker:5673", settings.Address);
    }

    [Fact]
    public void The_defaults_are_those_of_RabbitMQ_Client()
    {
        var settings = new RabbitMqSettings();
        var factory = new RabbitMQ.Client.ConnectionFactory();

        Assert.Equal(factory.HostName, settings.Host);
        Assert.Equal(5672, settings.Port);
        Assert.Equal(factory.VirtualHost, settings.VirtualHost);
        Assert.Equal((factory.UserName, factory.Password), (settings.User, settings.Password));
        Assert.Equal(factory.RequestedHeartbeat, settings.Heartbeat);
        Assert.Equal(factory.NetworkRecoveryInterval, settings.NetworkRecoveryInterval);
        Assert.Equal(factory.RequestedConnectionTimeout, settings.ConnectTimeout);
        Assert.Equal(factory.MaxInboundMessageBodySize, (uint)settings.MaxInboundMessageSize);
    }
}
