using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ShampooActors.Actors.Cluster.Transport;

/// <summary>Turns RabbitMQ.Client's exceptions into the transport's, each with a one-line message that names the broker.</summary>
internal static class RabbitMqErrors
{
    /// <summary>Why <c>CreateConnectionAsync</c> failed: the credentials were refused, or nothing answered.</summary>
    public static BrokerException Connect(RabbitMqSettings settings, Exception error)
    {
        if (Find<AuthenticationFailureException>(error) is { } refused)
            return new BrokerAuthenticationException(
                $"the broker at {settings.Address} refused user '{settings.User}' ({Code(refused.Message)})", error);
        if (Find<PossibleAuthenticationFailureException>(error) is not null)
            return new BrokerAuthenticationException(
                $"the broker at {settings.Address} closed the connection while authenticating user '{settings.User}'", error);
        return new BrokerUnreachableException($"no broker answers at {settings.Address} ({Cause(error)})", error);
    }

    /// <summary>A connection the broker closed while opening it: the virtual host is missing or not the user's.</summary>
    public static BrokerException Refused(RabbitMqSettings settings, ShutdownEventArgs? reason) =>
        new BrokerAuthenticationException(
            $"the broker at {settings.Address} refused user '{settings.User}' virtual host '{settings.VirtualHost}' " +
            $"({OneLine(reason?.ReplyText ?? "closed while opening")})");

    /// <summary>The connection is lost or closed, so <paramref name="what"/> was not attempted.</summary>
    public static BrokerException Down(RabbitMqSettings settings, string what) =>
        new($"cannot {what}: the connection to the broker at {settings.Address} is down");

    /// <summary>Why <paramref name="what"/> (e.g. "declare queue 'q'") failed.</summary>
    public static BrokerException Operation(RabbitMqSettings settings, string what, Exception error) => error switch
    {
        BrokerException mine => mine,
        // AlreadyClosedException is an OperationInterruptedException: it goes first.
        AlreadyClosedException { ShutdownReason: { } reason } when IsRefusal(reason) || reason.Initiator == ShutdownInitiator.Application =>
            new BrokerException($"cannot {what}: the channel is closed ({OneLine(reason.ReplyText)})", error),
        OperationInterruptedException { ShutdownReason: { } reason } when IsRefusal(reason) =>
            new BrokerException($"the broker at {settings.Address} refused to {what}: {OneLine(reason.ReplyText)}", error),
        OperationInterruptedException or AlreadyClosedException or ObjectDisposedException or IOException or SocketException =>
            new BrokerException($"cannot {what}: the connection to the broker at {settings.Address} is down ({Cause(error)})", error),
        PublishException { IsReturn: true } =>
            new BrokerException($"the broker at {settings.Address} returned the message of {what} as unroutable", error),
        PublishException =>
            new BrokerException($"the broker at {settings.Address} did not confirm {what} (nack)", error),
        TimeoutException =>
            new BrokerException($"the broker at {settings.Address} did not answer {what} in time", error),
        _ => new BrokerException($"cannot {what} on the broker at {settings.Address}: {Cause(error)}", error),
    };

    // A channel exception (access refused, not found, resource locked, precondition failed) the peer raised; a
    // connection-level close (320 CONNECTION_FORCED and the like) or a library-side close means the connection is down.
    private static bool IsRefusal(ShutdownEventArgs reason) =>
        reason.Initiator == ShutdownInitiator.Peer && reason.ReplyCode is 403 or 404 or 405 or 406;

    private static T? Find<T>(Exception error) where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
                return found;
            if (e is AggregateException { InnerExceptions.Count: > 0 } all && all.InnerExceptions.Select(Find<T>).FirstOrDefault(x => x is not null) is { } inner)
                return inner;
        }
        return null;
    }

    // The innermost message is the useful one ("Connection refused"); RabbitMQ.Client wraps it two or three times.
    private static string Cause(Exception error)
    {
        var innermost = error;
        while (true)
        {
            var next = innermost is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[0] : innermost.InnerException;
            if (next is null)
                return OneLine(innermost.Message);
            innermost = next;
        }
    }

    // "ACCESS_REFUSED - Login was refused using ..." → "ACCESS_REFUSED".
    private static string Code(string message)
    {
        var dash = message.IndexOf(" - ", StringComparison.Ordinal);
        return OneLine(dash > 0 ? message[..dash] : message);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
