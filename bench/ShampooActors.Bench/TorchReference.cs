using System.Diagnostics;
using System.Text.Json;

namespace ShampooActors.Bench;

/// <summary>
/// The PyTorch CPU reference (bench/pytorch_step.py) as a long-lived child process, so its steps can be interleaved
/// block by block with ours: "run K" trains K more steps and answers their timings.
/// </summary>
public sealed class TorchReference : IDisposable
{
    private readonly Process _process;

    private TorchReference(Process process, string version)
    {
        _process = process;
        Version = version;
    }

    /// <summary>The torch version the reference runs.</summary>
    public string Version { get; }

    /// <summary>Starts the reference for <paramref name="workload"/>, or returns null (with the reason) when python3-torch is missing.</summary>
    public static TorchReference? TryStart(string workload, string script, out string? reason)
    {
        reason = null;
        if (!File.Exists("/usr/bin/python3"))
        {
            reason = "/usr/bin/python3 not found (scripts/setup.sh --bench installs python3-torch)";
            return null;
        }
        var info = new ProcessStartInfo("/usr/bin/python3", [script, "--workload", workload, "--serve", "--threads", "2"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info)!;
        var ready = process.StandardOutput.ReadLine();
        if (ready is null)
        {
            reason = "PyTorch reference did not start: " + process.StandardError.ReadToEnd().Trim().Split('\n')[^1];
            return null;
        }
        using var doc = JsonDocument.Parse(ready);
        return new TorchReference(process, doc.RootElement.GetProperty("torch").GetString() ?? "?");
    }

    /// <summary>Trains <paramref name="steps"/> more steps; returns per-step total and optimizer milliseconds.</summary>
    public (double[] StepMs, double[] OptimizerMs) Run(int steps)
    {
        _process.StandardInput.WriteLine($"run {steps}");
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("PyTorch reference ended early");
        using var doc = JsonDocument.Parse(line);
        double[] Read(string name) => doc.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return (Read("step_ms"), Read("optimizer_ms"));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("quit");
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
                _process.Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
