namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>The <c>x-</c> arguments of a <see cref="QueueSpec"/> as RabbitMQ's queue.declare takes them.</summary>
internal static class RabbitMqQueueArguments
{
    /// <summary>The arguments of <paramref name="spec"/>; null when it has none.</summary>
    public static Dictionary<string, object?>? Of(QueueSpec spec)
    {
        var arguments = new Dictionary<string, object?>();
        if (spec.MaxLength is { } maxLength)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxLength, nameof(QueueSpec.MaxLength));
            arguments["x-max-length"] = maxLength;
            arguments["x-overflow"] = "drop-head";
        }
        if (spec.DeadLetterExchange is { } exchange)
            arguments["x-dead-letter-exchange"] = exchange;
        if (spec.DeadLetterRoutingKey is { } routingKey)
            arguments["x-dead-letter-routing-key"] = routingKey;
        if (spec.Expires is { } expires)
        {
            // RabbitMQ takes whole milliseconds and refuses 0.
            ArgumentOutOfRangeException.ThrowIfLessThan(expires, TimeSpan.FromMilliseconds(1), nameof(QueueSpec.Expires));
            arguments["x-expires"] = (long)expires.TotalMilliseconds;
        }
        return arguments.Count == 0 ? null : arguments;
    }
}
