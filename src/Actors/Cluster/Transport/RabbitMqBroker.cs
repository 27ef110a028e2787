using RabbitMQ.Client;

namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>
/// The <see cref="IBroker"/> over RabbitMQ with RabbitMQ.Client 7: connections recover by themselves (automatic recovery
/// on, topology recovery off: the owners redeclare on <see cref="BrokerConnectionState.Recovered"/>).
/// </summary>
public sealed class RabbitMqBroker(RabbitMqSettings settings) : IBroker
{
    /// <summary>Where and how it connects.</summary>
    public RabbitMqSettings Settings { get; } = settings;

    /// <inheritdoc />
    public async Task<IBrokerConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default)
    {
        var factory = new ConnectionFactory
        {
            HostName = Settings.Host,
            Port = Settings.Port,
            VirtualHost = Settings.VirtualHost,
            UserName = Settings.User,
            Password = Settings.Password,
            RequestedHeartbeat = Settings.Heartbeat,
            NetworkRecoveryInterval = Settings.NetworkRecoveryInterval,
            RequestedConnectionTimeout = Settings.ConnectTimeout,
            MaxInboundMessageBodySize = (uint)Settings.MaxInboundMessageSize,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = false,
            ConsumerDispatchConcurrency = 1,
            ClientProvidedName = clientName,
        };
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(clientName, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            throw RabbitMqErrors.Connect(Settings, e);
        }

        // A missing or forbidden virtual host does not fail CreateConnectionAsync: the connection comes back already closed.
        var wrapped = new RabbitMqConnection(connection, clientName, Settings);
        if (!connection.IsOpen)
        {
            var reason = connection.CloseReason;
            await wrapped.DisposeAsync().ConfigureAwait(false);
            throw RabbitMqErrors.Refused(Settings, reason);
        }
        return wrapped;
    }
}
