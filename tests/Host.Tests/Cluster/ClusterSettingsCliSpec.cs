namespace ShampooActors.Host.Tests.Cluster;

/// <summary>Bad cluster settings end <c>train</c> and <c>node</c> with one line and exit code 2, before anything is written or connected.</summary>
public sealed class ClusterSettingsCliSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-cluster-settings-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("cluster.enabled=on", "optimizer.kind = shampoo and preconditioning.mode = async")]
    [InlineData("cluster.job-id=\"two words\"", "cluster.job-id")]
    [InlineData("cluster.chunk-size=10", "cluster.chunk-size")]
    [InlineData("cluster.max-message-size=2KiB", "cluster.max-message-size")]
    [InlineData("cluster.heartbeat-interval=0s", "cluster.heartbeat-interval")]
    [InlineData("cluster.fallback-after=-1s", "cluster.fallback-after")]
    [InlineData("cluster.failure-detector.threshold=0", "cluster.failure-detector.threshold")]
    [InlineData("cluster.broker.port=70000", "cluster.broker.port")]
    [InlineData("cluster.node.threads=0", "cluster.node.threads")]
    [InlineData("cluster.node.jobs=[]", "cluster.node.jobs")]
    [InlineData("cluster.node.roles=[gardener]", "cluster.node.roles")]
    [InlineData("cluster.chunk-size=200MiB", "cluster.chunk-size")]
    [InlineData("cluster.chunk-size=1KiB", "cluster.max-message-size")]
    [InlineData("cluster.node.threads=2000", "cluster.node.threads")]
    [InlineData("cluster.node.name=\"two words\"", "cluster.node.name")]
    public void A_bad_cluster_setting_is_one_line_and_exit_code_2_with_nothing_written(string setting, string named)
    {
        var dir = Path.Combine(_root, "run");

        var (code, _, err) = CliRun.Run("train", "--optimizer", "adam", "--steps", "5", "--out", dir, "--progress", "false", "--set", setting);

        Assert.Equal(2, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir), "the run folder was written");
    }

    [Fact]
    public void Without_credentials_in_the_config_or_the_environment_train_and_node_say_where_to_put_them()
    {
        Assert.Null(Environment.GetEnvironmentVariable("SHAMPOO_BROKER_USER"));
        var (trainCode, _, trainErr) = CliRun.Run("train", "--optimizer", "shampoo", "--steps", "5", "--out", Path.Combine(_root, "run"),
            "--progress", "false", "--set", "cluster.enabled=on");
        var (nodeCode, _, nodeErr) = CliRun.Run("node");

        Assert.Equal((2, 2), (trainCode, nodeCode));
        foreach (var err in new[] { trainErr, nodeErr })
            Assert.Equal("error: cluster.broker.user is not set: set it in the config or in the environment variable SHAMPOO_BROKER_USER",
                Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void A_broker_password_never_lands_in_the_run_folder_neither_at_the_start_nor_on_resume()
    {
        var dir = Path.Combine(_root, "secret");
        var first = CliRun.Run("train", "--optimizer", "adam", "--steps", "4", "--out", dir, "--progress", "false", "--eval-every", "0",
            "--set", "checkpoints.every=2", "--set", "cluster.broker.password=first-s3cret");
        var resumed = CliRun.Run("train", "--resume", dir, "--steps", "8", "--progress", "false",
            "--set", "cluster.broker.password=second-s3cret");

        Assert.True(first.Code == 0, first.Err);
        Assert.True(resumed.Code == 0, resumed.Err);
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("first-s3cret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("second-s3cret", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_node_without_the_preconditioner_role_refuses_to_start()
    {
        var (code, _, err) = CliRun.Run("node", "--set", "cluster.node.roles=[]");

        Assert.Equal(2, code);
        Assert.Equal("error: cluster.node.roles does not include preconditioner: this host would have nothing to do",
            Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
