using System.Text;
using System.Threading.Channels;
using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

/// <summary>Collects the deliveries of one or more consumers, for a test to take in order.</summary>
internal sealed class Inbox
{
    private readonly Channel<BrokerDelivery> _deliveries = Channel.CreateUnbounded<BrokerDelivery>();

    /// <summary>The handler to consume with.</summary>
    public Func<BrokerDelivery, Task> Handler => delivery =>
    {
        _deliveries.Writer.TryWrite(delivery);
        return Task.CompletedTask;
    };

    /// <summary>The next delivery, waiting at most <paramref name="patience"/> (zero: it must be here already).</summary>
    public async Task<BrokerDelivery> Next(TimeSpan patience)
    {
        if (_deliveries.Reader.TryRead(out var ready))
            return ready;
        try
        {
            return await _deliveries.Reader.ReadAsync().AsTask().WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"no delivery arrived within {patience.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>What arrived after watching for <paramref name="quiet"/> (zero: what is here now).</summary>
    public async Task<List<BrokerDelivery>> Drain(TimeSpan quiet)
    {
        if (quiet > TimeSpan.Zero)
            await Task.Delay(quiet);
        var all = new List<BrokerDelivery>();
        while (_deliveries.Reader.TryRead(out var delivery))
            all.Add(delivery);
        return all;
    }
}

/// <summary>Bodies as text, for readable assertions.</summary>
internal static class Bodies
{
    public static ReadOnlyMemory<byte> Of(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(this BrokerDelivery delivery) => Encoding.UTF8.GetString(delivery.Body);
}
