using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>
/// One RabbitMQ channel with publisher confirms. A refused operation closes it, as AMQP closes a channel on any channel
/// exception: later operations throw <see cref="BrokerException"/> and the owner opens another channel. A delivery whose
/// handler throws stays unacknowledged (RabbitMQ.Client reports the exception through the channel's CallbackExceptionAsync).
/// </summary>
internal sealed class RabbitMqChannel(IChannel channel, RabbitMqConnection connection, RabbitMqSettings settings) : IBrokerChannel
{
    public Task DeclareExchangeAsync(string name, ExchangeKind kind, CancellationToken cancellationToken = default) =>
        Run($"declare exchange '{name}'", ct => channel.ExchangeDeclareAsync(
            name, kind == ExchangeKind.Fanout ? ExchangeType.Fanout : ExchangeType.Direct,
            durable: false, autoDelete: false, arguments: null, passive: false, noWait: false, ct), cancellationToken);

    public Task DeclareQueueAsync(QueueSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec.Name, nameof(spec));
        var arguments = RabbitMqQueueArguments.Of(spec);
        return Run($"declare queue '{spec.Name}'", ct => channel.QueueDeclareAsync(
            spec.Name, durable: false, exclusive: spec.Exclusive, autoDelete: spec.AutoDelete, arguments,
            passive: false, noWait: false, ct), cancellationToken);
    }

    public Task BindQueueAsync(string queue, string exchange, string routingKey, CancellationToken cancellationToken = default) =>
        Run($"bind queue '{queue}' to exchange '{exchange}'",
            ct => channel.QueueBindAsync(queue, exchange, routingKey, arguments: null, noWait: false, ct), cancellationToken);

    public Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        Run($"delete queue '{queue}'",
            ct => channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, noWait: false, ct), cancellationToken);

    public Task PublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        Run($"publish to exchange '{exchange}' with routing key '{routingKey}'",
            async ct => await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, body, ct).ConfigureAwait(false),
            cancellationToken);

    public Task<string> ConsumeAsync(string queue, Func<BrokerDelivery, Task> onDelivery, CancellationToken cancellationToken = default)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        // The body is a view on the client's buffer, valid only inside this handler.
        consumer.ReceivedAsync += (_, delivery) => onDelivery(new BrokerDelivery(
            queue, delivery.DeliveryTag, delivery.Redelivered, delivery.Body.ToArray(), DeathReason(delivery.BasicProperties)));
        return Run($"consume queue '{queue}'",
            ct => channel.BasicConsumeAsync(queue, autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
                arguments: null, consumer, ct), cancellationToken);
    }

    public Task CancelConsumerAsync(string consumerTag, CancellationToken cancellationToken = default) =>
        Run($"cancel consumer '{consumerTag}'", ct => channel.BasicCancelAsync(consumerTag, noWait: false, ct), cancellationToken);

    public Task<BrokerDelivery?> GetAsync(string queue, CancellationToken cancellationToken = default) =>
        Run($"get from queue '{queue}'", async ct =>
        {
            var result = await channel.BasicGetAsync(queue, autoAck: false, ct).ConfigureAwait(false);
            return result is null
                ? null
                : new BrokerDelivery(queue, result.DeliveryTag, result.Redelivered, result.Body.ToArray(), DeathReason(result.BasicProperties));
        }, cancellationToken);

    public Task AckAsync(ulong deliveryTag, CancellationToken cancellationToken = default) =>
        Run($"acknowledge delivery {deliveryTag}",
            async ct => await channel.BasicAckAsync(deliveryTag, multiple: false, ct).ConfigureAwait(false), cancellationToken);

    public Task RejectAsync(ulong deliveryTag, bool requeue, CancellationToken cancellationToken = default) =>
        Run($"reject delivery {deliveryTag}",
            async ct => await channel.BasicRejectAsync(deliveryTag, requeue, ct).ConfigureAwait(false), cancellationToken);

    public Task<uint> MessageCountAsync(string queue, CancellationToken cancellationToken = default) =>
        Run($"count the messages of queue '{queue}'", ct => channel.MessageCountAsync(queue, ct), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (channel.IsOpen)
                await channel.CloseAsync(Constants.ReplySuccess, "closed by its owner", abort: true).ConfigureAwait(false);
        }
        finally
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string? DeathReason(IReadOnlyBasicProperties properties) =>
        properties.Headers is { } headers && headers.TryGetValue("x-first-death-reason", out var reason)
            ? reason switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => null,
            }
            : null;

    private async Task Run(string what, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        await Run<bool>(what, async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    // Checked first so that nothing waits on a connection that is down: RabbitMQ.Client would fail most calls at once
    // too, but not one issued in the moment between its reconnect and its recovery of the channels.
    private async Task<T> Run<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (!connection.IsOpen)
            throw RabbitMqErrors.Down(settings, what);
        try
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw RabbitMqErrors.Operation(settings, what, e);
        }
    }
}
