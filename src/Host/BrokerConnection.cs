using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>Connects to the configured RabbitMQ broker; a refusal or no answer is a <see cref="UsageException"/> of one line.</summary>
internal static class BrokerConnection
{
    /// <summary>An open connection named <paramref name="clientName"/>, with the credentials of the config or the environment.</summary>
    public static IBrokerConnection Open(BrokerSettings broker, string clientName, long maxMessageBytes)
    {
        var (user, password) = broker.Credentials();
        var rabbit = new RabbitMqBroker(new RabbitMqSettings
        {
            Host = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            User = user,
            Password = password,
            ConnectTimeout = broker.ConnectTimeout,
            Heartbeat = broker.Heartbeat,
            NetworkRecoveryInterval = broker.RecoveryInterval,
            MaxInboundMessageSize = (int)System.Math.Min(int.MaxValue, maxMessageBytes),
        });
        try
        {
            return rabbit.ConnectAsync(clientName).GetAwaiter().GetResult();
        }
        catch (BrokerException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
