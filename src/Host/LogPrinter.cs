using ShampooActors.Actors.Kernel;

namespace ShampooActors.Host;

/// <summary>Prints the actor system's log events at or above a level, one line each (the message only, never a stack trace).</summary>
internal sealed class LogPrinter : ReceiveActor
{
    public LogPrinter(TextWriter writer, LogLevel minimum) =>
        Receive<LogEvent>(e =>
        {
            if (e.Level >= minimum)
                writer.WriteLine($"{e.Timestamp.ToLocalTime():HH:mm:ss} {e.Level.ToString().ToLowerInvariant()}: {e.Message}");
        });

    /// <summary>Starts a printer in <paramref name="system"/> subscribed to every log event.</summary>
    public static void Start(ActorSystem system, TextWriter writer, LogLevel minimum)
    {
        var printer = system.ActorOf(Props.Create(() => new LogPrinter(writer, minimum)), "log-printer");
        system.EventStream.Subscribe(printer, typeof(LogEvent));
    }
}
