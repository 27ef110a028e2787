namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>Where and how <see cref="RabbitMqBroker"/> connects; the defaults are RabbitMQ.Client 7's.</summary>
public sealed record RabbitMqSettings
{
    /// <summary>The broker's host name or address.</summary>
    public string Host { get; init; } = "localhost";

    /// <summary>The broker's AMQP port.</summary>
    public int Port { get; init; } = 5672;

    /// <summary>The virtual host the connections open.</summary>
    public string VirtualHost { get; init; } = "/";

    /// <summary>The user the connections log in as.</summary>
    public string User { get; init; } = "guest";

    /// <summary>The user's password (never printed: <see cref="ToString"/> masks it).</summary>
    public string Password { get; init; } = "guest";

    /// <summary>The AMQP heartbeat the client asks for: a silent connection is declared dead after about two of them.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a lost connection waits between attempts to reconnect.</summary>
    public TimeSpan NetworkRecoveryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening the TCP connection may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest message body the client accepts, in bytes (the broker's own limit is 128 MiB).</summary>
    public int MaxInboundMessageSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>"host:port", as error messages name the broker.</summary>
    public string Address => $"{Host}:{Port}";

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, VirtualHost = {VirtualHost}, User = {User}, Password = ***, ");
        builder.Append($"Heartbeat = {Heartbeat}, NetworkRecoveryInterval = {NetworkRecoveryInterval}, ");
        builder.Append($"ConnectTimeout = {ConnectTimeout}, MaxInboundMessageSize = {MaxInboundMessageSize}");
        return true;
    }
}
