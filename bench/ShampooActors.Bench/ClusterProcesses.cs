using System.Diagnostics;
using System.Globalization;
using ShampooActors.Actors.Cluster.Transport;
using ShampooActors.Testing.Cluster;

namespace ShampooActors.Bench;

/// <summary>
/// The broker and the preconditioner host processes a cluster benchmark runs against. The broker is the one the
/// <c>SHAMPOO_BROKER_HOST/PORT/USER/PASSWORD</c> variables name (as <c>scripts/broker.sh</c>'s broker.env sets them; its CPU
/// is then read from <c>SHAMPOO_BROKER_PID</c> when set), or else a throwaway loopback broker started here and stopped on
/// dispose. Hosts are <c>shampoo-actors node</c> processes of this build, killed on dispose.
/// </summary>
public sealed class ClusterProcesses : IDisposable
{
    private readonly ThrowawayBroker? _own;
    private readonly List<NodeProcess> _nodes = [];

    /// <summary>Connects to the broker of the environment, or starts one.</summary>
    public ClusterProcesses()
    {
        var port = Environment.GetEnvironmentVariable("SHAMPOO_BROKER_PORT");
        if (!string.IsNullOrEmpty(port))
        {
            Settings = new RabbitMqSettings
            {
                Host = Environment.GetEnvironmentVariable("SHAMPOO_BROKER_HOST") ?? "127.0.0.1",
                Port = int.Parse(port, CultureInfo.InvariantCulture),
                User = Environment.GetEnvironmentVariable("SHAMPOO_BROKER_USER") ?? "guest",
                Password = Environment.GetEnvironmentVariable("SHAMPOO_BROKER_PASSWORD") ?? "guest",
                MaxInboundMessageSize = 256 << 20,
            };
            BrokerPid = int.TryParse(Environment.GetEnvironmentVariable("SHAMPOO_BROKER_PID"), out var pid) ? pid : null;
            return;
        }
        _own = new ThrowawayBroker();
        Settings = _own.Settings with { MaxInboundMessageSize = 256 << 20 };
        var pidFile = Path.Combine(_own.Directory, "rabbitmq.pid");
        BrokerPid = File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var own) ? own : null;
    }

    /// <summary>How to connect to the broker.</summary>
    public RabbitMqSettings Settings { get; }

    /// <summary>The broker's OS process (the Erlang VM), when known: for its CPU time.</summary>
    public int? BrokerPid { get; }

    /// <summary>A connection to the broker named <paramref name="name"/>.</summary>
    public IBrokerConnection Connect(string name) => new RabbitMqBroker(Settings).ConnectAsync(name).GetAwaiter().GetResult();

    /// <summary>
    /// Starts <c>shampoo-actors node</c> named <paramref name="name"/> with <paramref name="threads"/> computing threads, serving
    /// <paramref name="jobs"/>, with further <paramref name="sets"/> (key=value), and waits until it says it is connected.
    /// </summary>
    public NodeProcess StartNode(string name, int threads, IReadOnlyList<string> jobs, params string[] sets)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "shampoo-actors.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            dll, "node",
            "--set", $"cluster.broker.host={Settings.Host}",
            "--set", $"cluster.broker.port={Settings.Port}",
            "--set", $"cluster.node.name={name}",
            "--set", $"cluster.node.threads={threads}",
            "--set", $"cluster.node.jobs=[{string.Join(",", jobs.Select(j => $"\"{j}\""))}]",
        ];
        foreach (var argument in arguments.Concat(sets.SelectMany(set => new[] { "--set", set })))
            start.ArgumentList.Add(argument);
        start.Environment["SHAMPOO_BROKER_USER"] = Settings.User;
        start.Environment["SHAMPOO_BROKER_PASSWORD"] = Settings.Password;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet for shampoo-actors node");
        var node = new NodeProcess(name, threads, process);
        _nodes.Add(node);
        if (!node.Connected.Wait(TimeSpan.FromSeconds(60)))
            throw new InvalidOperationException($"node {name} did not connect within 60 s; its output: {node.Output}");
        return node;
    }

    /// <summary>CPU seconds the broker's process has used, or null when its process is unknown.</summary>
    public double? BrokerCpuSeconds() => BrokerPid is { } pid ? ProcessCpu.Seconds(pid) : null;

    /// <summary>Kills the hosts and stops the broker this started.</summary>
    public void Dispose()
    {
        foreach (var node in _nodes)
            node.Dispose();
        _nodes.Clear();
        _own?.Dispose();
    }
}

/// <summary>A running <c>shampoo-actors node</c> process and what it has printed.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();
    private readonly ManualResetEventSlim _connected = new();

    /// <summary>Watches <paramref name="process"/>'s output.</summary>
    public NodeProcess(string name, int threads, Process process)
    {
        Name = name;
        Threads = threads;
        _process = process;
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The host's name.</summary>
    public string Name { get; }

    /// <summary>Its computing threads.</summary>
    public int Threads { get; }

    /// <summary>Its OS process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Set once the host said it is connected to the broker.</summary>
    public ManualResetEventSlim Connected => _connected;

    /// <summary>Everything it printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>CPU seconds it has used.</summary>
    public double CpuSeconds() => ProcessCpu.Seconds(_process.Id) ?? 0;

    /// <summary>Kills it (by its own pid) and waits for it.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }
        _process.Dispose();
        _connected.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (line.Contains(": connected to ", StringComparison.Ordinal))
            _connected.Set();
    }
}

/// <summary>CPU time of any process from /proc/PID/stat (user + system, clock ticks of 10 ms).</summary>
public static class ProcessCpu
{
    /// <summary>CPU seconds process <paramref name="pid"/> used, its threads together; null if it cannot be read.</summary>
    public static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The 1-minute load average, or NaN.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return double.NaN;
        }
    }
}
