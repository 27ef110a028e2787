using System.Diagnostics;
using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Testing.Cluster;

/// <summary>
/// A private RabbitMQ broker for tests: <c>scripts/broker.sh</c> runs it from a temporary directory on a free loopback port.
/// <see cref="Stop"/>, <see cref="Start"/> and <see cref="Restart"/> keep its data (so its user and port); disposing stops
/// it and deletes the directory. Needs rabbitmq-server (scripts/setup.sh installs it); without it the constructor throws.
/// </summary>
public sealed class ThrowawayBroker : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private readonly string _script;
    private bool _disposed;

    /// <summary>Starts a broker (a few seconds: the Erlang VM boots).</summary>
    public ThrowawayBroker()
    {
        _script = FindScript();
        Directory = Path.Combine(Path.GetTempPath(), "shampoo-broker-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            Start();
        }
        catch
        {
            Delete();
            throw;
        }
    }

    /// <summary>The directory holding the broker's data, logs and <c>broker.env</c>.</summary>
    public string Directory { get; }

    /// <summary>The address it listens on (loopback).</summary>
    public string Host { get; private set; } = "";

    /// <summary>Its AMQP port.</summary>
    public int Port { get; private set; }

    /// <summary>The user broker.sh created, with full permissions on vhost "/".</summary>
    public string User { get; private set; } = "";

    /// <summary>That user's random password.</summary>
    public string Password { get; private set; } = "";

    /// <summary>Whether it is running (after a start, until a stop).</summary>
    public bool IsRunning { get; private set; }

    /// <summary>How long the last start or restart took, until the broker accepted connections.</summary>
    public TimeSpan LastStartDuration { get; private set; }

    /// <summary>Settings that connect to it as <see cref="User"/>.</summary>
    public RabbitMqSettings Settings => new() { Host = Host, Port = Port, User = User, Password = Password };

    /// <summary>Starts it again after <see cref="Stop"/>, on the same port with the same data.</summary>
    public void Start() => Timed(() => RunScript("start"));

    /// <summary>Stops it (connections see the broker go away); nothing running is not an error.</summary>
    public void Stop()
    {
        RunScript("stop");
        IsRunning = false;
    }

    /// <summary>Stops and starts it, on the same port with the same data: what clients see of a broker restart.</summary>
    public void Restart() => Timed(() => RunScript("restart"));

    /// <summary>Stops it and deletes its directory.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            Stop();
        }
        finally
        {
            Delete();
        }
    }

    private void Timed(Action run)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var started = Stopwatch.GetTimestamp();
        run();
        LastStartDuration = Stopwatch.GetElapsedTime(started);
        ReadEnvironment();
        IsRunning = true;
    }

    private void RunScript(string command)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { _script, command, Directory })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run bash for scripts/broker.sh");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ScriptTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"scripts/broker.sh {command} did not finish in {ScriptTimeout.TotalSeconds:0} s (logs in {Directory}/log)");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var message = errors.Result.Trim();
            if (message.Length == 0)
                message = output.Result.Trim();
            throw new InvalidOperationException($"scripts/broker.sh {command} failed (exit {process.ExitCode}): {message.ReplaceLineEndings(" ")}");
        }
    }

    // broker.env holds "export NAME=value" lines.
    private void ReadEnvironment()
    {
        var values = File.ReadAllLines(Path.Combine(Directory, "broker.env"))
            .Select(line => line.StartsWith("export ", StringComparison.Ordinal) ? line["export ".Length..] : line)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Host = values["SHAMPOO_BROKER_HOST"];
        Port = int.Parse(values["SHAMPOO_BROKER_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        User = values["SHAMPOO_BROKER_USER"];
        Password = values["SHAMPOO_BROKER_PASSWORD"];
    }

    private void Delete()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "scripts", "broker.sh");
            if (File.Exists(script))
                return script;
        }
        throw new InvalidOperationException($"scripts/broker.sh not found above {AppContext.BaseDirectory}");
    }
}
