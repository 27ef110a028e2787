using System.Diagnostics;
using ShampooActors.Actors.Tests.Support;

namespace ShampooActors.Actors.Tests.Cluster.Transport;

/// <summary>scripts/broker.sh refuses misuse with one line and exit status 2, and stopping nothing succeeds (no broker is started).</summary>
public sealed class BrokerScriptSpec : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "broker-script-spec-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(new string[0], "usage: broker.sh start DIR [--port P] | stop DIR | restart DIR")]
    [InlineData(new[] { "launch", "DIR" }, "usage: broker.sh start DIR [--port P] | stop DIR | restart DIR")]
    [InlineData(new[] { "start", "DIR", "--port" }, "broker.sh: --port needs a value")]
    [InlineData(new[] { "start", "DIR", "--port", "http" }, "broker.sh: --port must be a number in 1-65535, not 'http'")]
    [InlineData(new[] { "start", "DIR", "--port", "70000" }, "broker.sh: --port must be a number in 1-65535, not '70000'")]
    [InlineData(new[] { "stop", "DIR", "--port", "5673" }, "broker.sh: --port is only for start")]
    [InlineData(new[] { "start", "DIR", "--verbose" }, "broker.sh: unknown argument '--verbose'")]
    public void Misuse_is_refused_with_one_line_and_exit_status_2(string[] arguments, string error)
    {
        var (status, output, errors) = Run(arguments.Select(a => a == "DIR" ? _dir : a).ToArray());

        Assert.Equal((2, "", error), (status, output, errors.TrimEnd('\n')));
    }

    [Fact]
    public void Restarting_a_directory_where_no_broker_was_started_is_refused()
    {
        var (status, _, errors) = Run("restart", _dir);

        Assert.Equal((2, $"broker.sh: no broker was started in {_dir}"), (status, errors.TrimEnd('\n')));
    }

    [Fact]
    public void Starting_in_a_directory_that_holds_something_else_is_refused()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "precious.txt"), "keep me");

        var (status, _, errors) = Run("start", _dir);

        Assert.Equal((2, $"broker.sh: {_dir} is not empty and holds no broker"), (status, errors.TrimEnd('\n')));
        Assert.True(File.Exists(Path.Combine(_dir, "precious.txt")));
    }

    [Fact]
    public void Stopping_where_nothing_runs_succeeds_twice()
    {
        Assert.Equal((0, "", ""), Run("stop", _dir));
        Assert.Equal((0, "", ""), Run("stop", _dir));
    }

    private static (int Status, string Output, string Errors) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", "broker.sh"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors);
    }
}
