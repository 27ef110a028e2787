using System.Diagnostics;
using ShampooActors.Testing.Cluster;

namespace ShampooActors.Host.Tests.Cluster;

/// <summary>A <c>shampoo-actors node</c> process of the built CLI, with the broker's credentials in its environment; killed on dispose.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();

    public NodeProcess(ThrowawayBroker broker, string name, string job)
    {
        var cli = typeof(Cli).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "node", "--set", $"cluster.broker.port={broker.Port}", "--set", $"cluster.node.name={name}", "--set", $"cluster.node.jobs=[{job}]" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SHAMPOO_BROKER_USER"] = broker.User;
        start.Environment["SHAMPOO_BROKER_PASSWORD"] = broker.Password;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Ends the process at once, as kill -9 does (SIGKILL on Linux).</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the process to print a line containing <paramref name="text"/>.</summary>
    public async Task WaitFor(string text, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
                Assert.Fail($"the node did not print '{text}' within {limit.TotalSeconds} s; it printed:\n{Output}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.WriteLine(line);
    }
}
