using DebugEvent = ShampooActors.Actors.Kernel.Debug;
using ErrorEvent = ShampooActors.Actors.Kernel.Error;
using InfoEvent = ShampooActors.Actors.Kernel.Info;
using WarningEvent = ShampooActors.Actors.Kernel.Warning;

namespace ShampooActors.Actors.Kernel;

/// <summary>How much the system logs; events below the configured level are not published.</summary>
public enum LogLevel
{
    /// <summary>Details for developers.</summary>
    Debug,

    /// <summary>What happened.</summary>
    Info,

    /// <summary>Something unexpected that was handled.</summary>
    Warning,

    /// <summary>A failure.</summary>
    Error,
}

/// <summary>A log event, published on the event stream; subscribe to a subtype for one level.</summary>
public abstract record LogEvent(DateTimeOffset Timestamp, string LogSource, string Message)
{
    /// <summary>The event's level.</summary>
    public abstract LogLevel Level { get; }

    /// <inheritdoc />
    public override string ToString() => $"[{Level.ToString().ToUpperInvariant()}] [{Timestamp:O}] [{LogSource}] {Message}";
}

/// <summary>A debug event.</summary>
public sealed record Debug(DateTimeOffset Timestamp, string LogSource, string Message) : LogEvent(Timestamp, LogSource, Message)
{
    /// <inheritdoc />
    public override LogLevel Level => LogLevel.Debug;
}

/// <summary>An info event.</summary>
public sealed record Info(DateTimeOffset Timestamp, string LogSource, string Message) : LogEvent(Timestamp, LogSource, Message)
{
    /// <inheritdoc />
    public override LogLevel Level => LogLevel.Info;
}

/// <summary>A warning event.</summary>
public sealed record Warning(DateTimeOffset Timestamp, string LogSource, string Message) : LogEvent(Timestamp, LogSource, Message)
{
    /// <inheritdoc />
    public override LogLevel Level => LogLevel.Warning;
}

/// <summary>An error event, with the exception behind it when there was one.</summary>
public sealed record Error(DateTimeOffset Timestamp, string LogSource, string Message, Exception? Cause)
    : LogEvent(Timestamp, LogSource, Message)
{
    /// <inheritdoc />
    public override LogLevel Level => LogLevel.Error;
}

/// <summary>Publishes log events of one source on the event stream, time-stamped by the system's clock.</summary>
public sealed class LoggingAdapter
{
    private readonly ActorSystem _system;

    internal LoggingAdapter(ActorSystem system, string? source = null)
    {
        _system = system;
        Source = source;
    }

    /// <summary>The default source of events; null: the system's name.</summary>
    public string? Source { get; }

    /// <summary>Whether events of <paramref name="level"/> are published.</summary>
    public bool IsEnabled(LogLevel level) => level >= _system.Settings.LogLevel;

    /// <summary>Publishes a debug event.</summary>
    public void Debug(string message) => Debug(SourceOrSystem, message);

    /// <summary>Publishes an info event.</summary>
    public void Info(string message) => Info(SourceOrSystem, message);

    /// <summary>Publishes a warning.</summary>
    public void Warning(string message) => Warning(SourceOrSystem, message);

    /// <summary>Publishes an error.</summary>
    public void Error(Exception? cause, string message) => Error(cause, SourceOrSystem, message);

    internal void Debug(string source, string message) => Publish(LogLevel.Debug, source, message, null);

    internal void Info(string source, string message) => Publish(LogLevel.Info, source, message, null);

    internal void Warning(string source, string message) => Publish(LogLevel.Warning, source, message, null);

    internal void Error(Exception? cause, string source, string message) => Publish(LogLevel.Error, source, message, cause);

    private void Publish(LogLevel level, string source, string message, Exception? cause)
    {
        if (!IsEnabled(level))
            return;
        var now = _system.Scheduler.Now;
        _system.EventStream.Publish(level switch
        {
            LogLevel.Debug => new DebugEvent(now, source, message),
            LogLevel.Info => new InfoEvent(now, source, message),
            LogLevel.Warning => new WarningEvent(now, source, message),
            _ => (LogEvent)new ErrorEvent(now, source, message, cause),
        });
    }

    private string SourceOrSystem => Source ?? _system.Name;
}

/// <summary><c>Context.GetLogger()</c>, as in Akka.</summary>
public static class LoggingExtensions
{
    /// <summary>A logger whose source is the actor's path.</summary>
    public static LoggingAdapter GetLogger(this IActorContext context) =>
        new(context.System, context.Self.Path.ToString());
}
