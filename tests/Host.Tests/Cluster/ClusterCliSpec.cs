using System.Text.Json;
using ShampooActors.Testing.Cluster;

namespace ShampooActors.Host.Tests.Cluster;

/// <summary>
/// The W1 job trained in this process against <c>shampoo-actors node</c> processes over a throwaway RabbitMQ broker: hosts that
/// die, a broker that restarts, credentials that are wrong. Training never stops because of the cluster.
/// </summary>
[Collection(HostBrokerCollection.Name)]
public sealed class ClusterCliSpec(HostBrokerFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-cluster-").FullName;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private ThrowawayBroker Broker => fixture.Broker;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_trainer_and_two_node_processes_reach_the_W1_target_and_a_node_killed_with_sigkill_mid_run_does_not_stop_it()
    {
        var job = $"w1-{_id}";
        using var first = new NodeProcess(Broker, $"first-{_id}", job);
        using var second = new NodeProcess(Broker, $"second-{_id}", job);
        await Task.WhenAll(first.WaitFor("connected", TimeSpan.FromSeconds(30)), second.WaitFor("connected", TimeSpan.FromSeconds(30)));
        var dir = Path.Combine(_root, "w1");

        var training = Train(dir, job, "--steps", "3000");
        await second.WaitFor($"serving job {job}", TimeSpan.FromSeconds(60));
        await WaitForMetricsLines(dir, 4, training);
        first.KillHard();
        var (code, _, err) = await training;

        Assert.True(code == 0, err);
        var summary = Summary(dir);
        Assert.True(summary.TryGetProperty("steps_to_target", out var toTarget) && toTarget.ValueKind == JsonValueKind.Number,
            $"the W1 target was not reached: final train loss {summary.GetProperty("final_train_loss")}");
        var hosts = summary.GetProperty("cluster").GetProperty("hosts").EnumerateArray()
            .ToDictionary(h => h.GetProperty("host").GetString()!, h => (Alive: h.GetProperty("alive").GetBoolean(), Computed: h.GetProperty("computed").GetInt64()));
        Assert.Equal((false, true), (hosts[$"first-{_id}"].Alive, hosts[$"second-{_id}"].Alive));
        Assert.True(hosts[$"first-{_id}"].Computed > 0 && hosts[$"second-{_id}"].Computed > 0, $"both hosts should have computed roots: {summary}");
        Assert.Contains($"preconditioner host first-{_id} is unreachable", err, StringComparison.Ordinal);
        // After the kill (at the 4th metrics line or a little later) the surviving host computes every block again.
        var lines = Metrics(dir);
        Assert.Equal(1, lines[^1].GetProperty("hosts_alive").GetInt32());
        var atKill = Versions(lines[4]);
        var atEnd = Versions(lines[^1]);
        Assert.All(atKill.Zip(atEnd), v => Assert.True(v.Second > v.First, $"a block kept version {v.First} from the kill to the end"));
    }

    [Fact]
    public async Task A_broker_restart_mid_run_is_survived_and_roots_flow_again_afterwards()
    {
        var job = $"restart-{_id}";
        using var node = new NodeProcess(Broker, $"node-{_id}", job);
        await node.WaitFor("connected", TimeSpan.FromSeconds(30));
        var dir = Path.Combine(_root, "restart");

        var training = Train(dir, job, "--steps", "3000");
        await node.WaitFor($"serving job {job}", TimeSpan.FromSeconds(60));
        await WaitForMetricsLines(dir, 3, training);
        Broker.Restart();
        var (code, _, err) = await training;

        Assert.True(code == 0, err);
        // The trainer says once that the broker is gone (whichever operation noticed first), the host that it is back.
        Assert.Contains("warning: cluster:", err, StringComparison.Ordinal);
        Assert.Contains("connected to the broker again", node.Output, StringComparison.Ordinal);
        var summary = Summary(dir);
        Assert.Equal(3000, summary.GetProperty("steps").GetInt64());
        var computed = summary.GetProperty("cluster").GetProperty("hosts").EnumerateArray().Single().GetProperty("computed").GetInt64();
        Assert.True(computed > 0, $"no roots from the host: {summary}");
        Assert.Contains(Metrics(dir)[^3..], line => line.TryGetProperty("round_trip_ms", out var rt) && rt.ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public void Wrong_credentials_end_train_and_node_with_one_line_and_exit_code_2()
    {
        var (trainCode, _, trainErr) = CliRun.Run("train", "--optimizer", "shampoo", "--steps", "5", "--out", Path.Combine(_root, "wrong"),
            "--progress", "false", "--set", "cluster.enabled=on", "--set", $"cluster.broker.port={Broker.Port}",
            "--set", $"cluster.broker.user={Broker.User}", "--set", "cluster.broker.password=wrong");
        var (nodeCode, _, nodeErr) = CliRun.Run("node", "--set", $"cluster.broker.port={Broker.Port}",
            "--set", $"cluster.broker.user={Broker.User}", "--set", "cluster.broker.password=wrong");

        Assert.Equal((2, 2), (trainCode, nodeCode));
        foreach (var err in new[] { trainErr, nodeErr })
        {
            var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: ", line);
            Assert.Contains($"refused user '{Broker.User}'", line, StringComparison.Ordinal);
        }
    }

    private Task<(int Code, string Out, string Err)> Train(string dir, string job, params string[] more) => Task.Run(() =>
        CliRun.Run(["train", "--optimizer", "shampoo", "--out", dir, "--progress", "false", "--log-every", "100", "--eval-every", "0",
            "--set", "cluster.enabled=on", "--set", $"cluster.job-id={job}", "--set", $"cluster.broker.port={Broker.Port}",
            "--set", $"cluster.broker.user={Broker.User}", "--set", $"cluster.broker.password={Broker.Password}", .. more]));

    /// <summary>Waits until the run has written <paramref name="count"/> metrics lines (or the run ended).</summary>
    private static async Task WaitForMetricsLines(string dir, int count, Task training)
    {
        var file = Path.Combine(dir, "metrics.jsonl");
        while (!training.IsCompleted && (!File.Exists(file) || File.ReadAllLines(file).Length < count))
            await Task.Delay(100);
        Assert.False(training.IsCompleted, "the run ended before the fault could be injected");
    }

    private static long[] Versions(JsonElement line) => line.GetProperty("root_versions").EnumerateArray().Select(v => v.GetInt64()).ToArray();

    private static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    private static JsonElement[] Metrics(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
}
