using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>One RabbitMQ connection: its shutdown and recovery events become <see cref="StateChanged"/>.</summary>
internal sealed class RabbitMqConnection : IBrokerConnection
{
    private readonly IConnection _connection;
    private readonly RabbitMqSettings _settings;
    private readonly Lock _gate = new();
    private bool _lost;
    private bool _closed;

    public RabbitMqConnection(IConnection connection, string clientName, RabbitMqSettings settings)
    {
        _connection = connection;
        _settings = settings;
        ClientName = clientName;
        connection.ConnectionShutdownAsync += OnShutdownAsync;
        connection.RecoverySucceededAsync += OnRecoveredAsync;
    }

    public string ClientName { get; }

    // The client reports IsOpen again a moment before it has recovered the channels: the connection counts as open
    // only once RecoverySucceeded has been raised.
    public bool IsOpen
    {
        get
        {
            lock (_gate)
                return !_lost && !_closed && _connection.IsOpen;
        }
    }

    public event Action<BrokerConnectionState>? StateChanged;

    public async Task<IBrokerChannel> OpenChannelAsync(int prefetch, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefetch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefetch, ushort.MaxValue);
        const string what = "open a channel";
        if (!IsOpen)
            throw RabbitMqErrors.Down(_settings, what);
        IChannel? channel = null;
        try
        {
            channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, consumerDispatchConcurrency: 1),
                cancellationToken).ConfigureAwait(false);
            // global: true makes the limit the channel's, shared by all its consumers (RabbitMQ's reinterpretation of
            // basic.qos for classic queues); automatic recovery applies it again to the recovered channel.
            if (prefetch > 0)
                await channel.BasicQosAsync(0, (ushort)prefetch, global: true, cancellationToken).ConfigureAwait(false);
            return new RabbitMqChannel(channel, this, _settings);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (channel is not null)
                await channel.DisposeAsync().ConfigureAwait(false);
            throw RabbitMqErrors.Operation(_settings, what, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_closed)
                return;
            _closed = true;
        }
        _connection.ConnectionShutdownAsync -= OnShutdownAsync;
        _connection.RecoverySucceededAsync -= OnRecoveredAsync;
        try
        {
            await _connection.CloseAsync(Constants.ReplySuccess, "closed by its owner", TimeSpan.FromSeconds(5), abort: true).ConfigureAwait(false);
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task OnShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        if (reason.Initiator == ShutdownInitiator.Application)
            return Task.CompletedTask;
        Raise(lost: true);
        return Task.CompletedTask;
    }

    private Task OnRecoveredAsync(object sender, AsyncEventArgs args)
    {
        Raise(lost: false);
        return Task.CompletedTask;
    }

    private void Raise(bool lost)
    {
        lock (_gate)
        {
            if (_closed || _lost == lost)
                return;
            _lost = lost;
        }
        StateChanged?.Invoke(lost ? BrokerConnectionState.Lost : BrokerConnectionState.Recovered);
    }
}
