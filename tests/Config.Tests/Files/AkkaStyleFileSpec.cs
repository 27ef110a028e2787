using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Files;

/// <summary>
/// A realistic Akka-style reference.conf (dispatchers, deployment sections with quoted actor-path keys, durations,
/// sizes, <c>${?ENV}</c> overrides, <c>+=</c>, copy-then-override) with a job file layered over it.
/// </summary>
public sealed class AkkaStyleFileSpec
{
    private const string ReferenceText = """
        # ShampooActors reference configuration (Akka style)
        akka {
          loglevel = INFO
          loggers = ["akka.event.Logging$DefaultLogger"]
          log-dead-letters = 10
          log-dead-letters-during-shutdown = off

          actor {
            provider = local
            default-dispatcher {
              type = Dispatcher
              executor = "fork-join-executor"
              fork-join-executor {
                parallelism-min = 8
                parallelism-factor = 3.0
                parallelism-max = 64
              }
              throughput = 5
              shutdown-timeout = 1 s
            }
            ask-timeout = 5s
            deployment {
              "/user/a/*" {
                router = round-robin-pool
                nr-of-instances = 5
                within = 10 seconds
              }
              "/user/b" {
                router = balancing-pool
                nr-of-instances = 2
              }
            }
          }

          remote.artery {
            canonical {
              hostname = "127.0.0.1"
              hostname = ${?AKKA_HOST}
              port = 25520
              port = ${?AKKA_PORT}
            }
            advanced {
              maximum-frame-size = 256 KiB
              buffer-pool-size = 128
            }
          }

          cluster {
            seed-nodes = [
              "akka://sys@127.0.0.1:25520"
            ]
            seed-nodes += "akka://sys@127.0.0.1:25521"
            failure-detector.acceptable-heartbeat-pause = 3 s
          }

          shampoo-dispatcher = ${akka.actor.default-dispatcher}
          shampoo-dispatcher {
            throughput = 1
            fork-join-executor.parallelism-max = 4
          }
        }
        """;

    private const string JobText = """
        # job over the reference
        akka.loglevel = DEBUG
        akka.actor.default-dispatcher.fork-join-executor.parallelism-min = 2
        akka.actor.deployment."/user/c" = ${akka.actor.deployment."/user/b"} { nr-of-instances = 7 }
        akka.remote.artery.canonical.port = 0
        """;

    private static Config Reference() => Config.Parse(ReferenceText, "reference.conf");

    private static Config Resolved(ConfigResolveOptions? options = null) => Reference().Resolve(options ?? Hocon.NoEnv);

    private static Config Layered(string job, ConfigResolveOptions? options = null) =>
        Config.Parse(job, "application.conf").WithFallback(Reference()).Resolve(options ?? Hocon.NoEnv);

    /// <summary>The 1-based line of the first line of <paramref name="text"/> that contains <paramref name="fragment"/>.</summary>
    private static int LineOf(string text, string fragment)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{fragment}' is not in the document");
        return index + 1;
    }

    [Fact]
    public void Dispatcher_settings_read_with_their_types()
    {
        var config = Resolved();
        var dispatcher = config.GetConfig("akka.actor.default-dispatcher");

        Assert.Equal("Dispatcher", dispatcher.GetString("type"));
        Assert.Equal("fork-join-executor", dispatcher.GetString("executor"));
        Assert.Equal(8, dispatcher.GetInt("fork-join-executor.parallelism-min"));
        Assert.Equal(3.0, dispatcher.GetDouble("fork-join-executor.parallelism-factor"));
        Assert.Equal(64, config.GetInt("akka.actor.default-dispatcher.fork-join-executor.parallelism-max"));
        Assert.Equal(5, dispatcher.GetInt("throughput"));
        Assert.Equal(TimeSpan.FromSeconds(1), dispatcher.GetDuration("shutdown-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("akka.actor.ask-timeout"));
    }

    [Fact]
    public void Top_level_settings_read_with_their_types()
    {
        var config = Resolved();

        Assert.Equal("INFO", config.GetString("akka.loglevel"));
        Assert.Equal(["akka.event.Logging$DefaultLogger"], config.GetStringList("akka.loggers"));
        Assert.Equal(10, config.GetInt("akka.log-dead-letters"));
        Assert.False(config.GetBoolean("akka.log-dead-letters-during-shutdown"));
        Assert.Equal(262_144L, config.GetBytes("akka.remote.artery.advanced.maximum-frame-size"));
        Assert.Equal(128L, config.GetBytes("akka.remote.artery.advanced.buffer-pool-size"));
    }

    [Fact]
    public void Deployment_sections_are_keyed_by_quoted_actor_paths()
    {
        var config = Resolved();
        var deployment = config.GetConfig("akka.actor.deployment");

        Assert.Equal(["/user/a/*", "/user/b"], deployment.Root.Keys);
        Assert.Equal("round-robin-pool", config.GetString("akka.actor.deployment.\"/user/a/*\".router"));
        Assert.Equal(5, deployment.GetConfig("\"/user/a/*\"").GetInt("nr-of-instances"));
        Assert.Equal(TimeSpan.FromSeconds(10), deployment.GetDuration("\"/user/a/*\".within"));
        Assert.Equal("balancing-pool", deployment.GetString(Config.JoinPath(["/user/b", "router"])));
        Assert.Contains("akka.actor.deployment.\"/user/a/*\".router", config.Entries().Select(e => e.Key));
    }

    [Fact]
    public void Cluster_settings_use_plus_equals_and_durations()
    {
        var config = Resolved();

        Assert.Equal(["akka://sys@127.0.0.1:25520", "akka://sys@127.0.0.1:25521"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetDuration("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
    }

    [Theory]
    [InlineData(false, "127.0.0.1", 25520)]
    [InlineData(true, "10.1.2.3", 2553)]
    public void Environment_overrides_apply_only_when_set(bool set, string host, int port)
    {
        var env = set ? Hocon.Env(("AKKA_HOST", "10.1.2.3"), ("AKKA_PORT", "2553")) : Hocon.NoEnv;

        var config = Resolved(env);

        Assert.Equal(host, config.GetString("akka.remote.artery.canonical.hostname"));
        Assert.Equal(port, config.GetInt("akka.remote.artery.canonical.port"));
    }

    [Fact]
    public void A_copied_dispatcher_keeps_the_original_and_its_own_overrides()
    {
        var config = Resolved();

        Assert.Equal(1, config.GetInt("akka.shampoo-dispatcher.throughput"));
        Assert.Equal(4, config.GetInt("akka.shampoo-dispatcher.fork-join-executor.parallelism-max"));
        Assert.Equal(8, config.GetInt("akka.shampoo-dispatcher.fork-join-executor.parallelism-min"));
        Assert.Equal("Dispatcher", config.GetString("akka.shampoo-dispatcher.type"));
        Assert.Equal(5, config.GetInt("akka.actor.default-dispatcher.throughput"));
        Assert.Equal(64, config.GetInt("akka.actor.default-dispatcher.fork-join-executor.parallelism-max"));
    }

    [Fact]
    public void A_job_file_overrides_the_reference_and_reference_substitutions_see_the_job()
    {
        var config = Layered(JobText, Hocon.Env(("AKKA_PORT", "2553")));

        Assert.Equal("DEBUG", config.GetString("akka.loglevel"));
        Assert.Equal(2, config.GetInt("akka.actor.default-dispatcher.fork-join-executor.parallelism-min"));
        Assert.Equal(2, config.GetInt("akka.shampoo-dispatcher.fork-join-executor.parallelism-min"));
        Assert.Equal(1, config.GetInt("akka.shampoo-dispatcher.throughput"));
        Assert.Equal("balancing-pool", config.GetString("akka.actor.deployment.\"/user/c\".router"));
        Assert.Equal(7, config.GetInt("akka.actor.deployment.\"/user/c\".nr-of-instances"));
        Assert.Equal(2, config.GetInt("akka.actor.deployment.\"/user/b\".nr-of-instances"));
        Assert.Equal(0, config.GetInt("akka.remote.artery.canonical.port"));
        Assert.Equal(new ConfigOrigin("application.conf", 2), config.OriginOf("akka.loglevel"));
        Assert.Equal("reference.conf", config.OriginOf("akka.actor.ask-timeout").Source);
    }

    [Fact]
    public void A_mistyped_job_value_fails_with_the_job_file_line_and_full_path()
    {
        var config = Layered("# job\nakka.actor {\n  default-dispatcher.throughput = fast\n}");

        Hocon.AssertGetterFailsAt(3, "akka.actor.default-dispatcher.throughput",
            () => config.GetInt("akka.actor.default-dispatcher.throughput"), source: "application.conf");
    }

    [Fact]
    public void A_mistyped_reference_value_read_through_a_sub_config_names_the_full_path()
    {
        var dispatcher = Resolved().GetConfig("akka.actor.default-dispatcher");

        Hocon.AssertGetterFailsAt(LineOf(ReferenceText, "executor = "), "akka.actor.default-dispatcher.executor",
            () => dispatcher.GetBytes("executor"), source: "reference.conf");
        Hocon.AssertGetterFailsAt(LineOf(ReferenceText, "type = Dispatcher"), "akka.actor.default-dispatcher.type",
            () => dispatcher.GetDuration("type"), source: "reference.conf");
        Hocon.AssertMissing("akka.actor.default-dispatcher.mailbox", () => dispatcher.GetString("mailbox"));
    }

    [Fact]
    public void Reference_values_know_their_lines()
    {
        var config = Resolved();

        Assert.Equal(new ConfigOrigin("reference.conf", LineOf(ReferenceText, "throughput = 5")),
            config.OriginOf("akka.actor.default-dispatcher.throughput"));
        Assert.Equal(LineOf(ReferenceText, "within = 10 seconds"),
            config.OriginOf("akka.actor.deployment.\"/user/a/*\".within").Line);
    }

    [Fact]
    public void An_undefined_required_substitution_in_the_job_points_at_its_line()
    {
        var layered = Config.Parse("akka.loglevel = DEBUG\nakka.actor.ask-timeout = ${timeouts.ask}", "application.conf")
            .WithFallback(Reference());

        var error = Assert.Throws<ConfigException>(() => layered.Resolve(Hocon.NoEnv));

        Hocon.AssertLocated(error, "application.conf", 2, contains: "timeouts.ask");
    }

    [Fact]
    public void The_whole_file_renders_and_parses_back_equal()
    {
        var config = Resolved();

        var again = Config.Parse(config.Render(true), "rendered.conf").Resolve(Hocon.NoEnv);

        Assert.Equal(Hocon.Describe(config), Hocon.Describe(again));
    }
}
