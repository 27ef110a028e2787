namespace ShampooActors.Configuration.Tests;

public class SmokeSpec
{
    private static readonly ConfigResolveOptions NoEnvironment = new() { UseEnvironment = false };

    private static Config Resolved(string text) => Config.Parse(text, "job.conf").Resolve(NoEnvironment);

    [Fact]
    public void Akka_style_file_parses_and_reads_back()
    {
        const string text = """
            akka {
              loglevel = "INFO"
              actor {
                default-dispatcher { throughput = 5, fork-join-executor { parallelism-max = ${?PAR} } }
                deployment { "/user/worker/*" { router = round-robin-pool, nr-of-instances = 5 } }
              }
              remote.dot-netty.tcp { port = 0, hostname = localhost }
              coordinated-shutdown.phases.before-service-unbind.timeout = 5 s
            }
            """;
        var config = Resolved(text);

        Assert.Equal("INFO", config.GetString("akka.loglevel"));
        Assert.Equal(5, config.GetInt("akka.actor.default-dispatcher.throughput"));
        Assert.False(config.HasPath("akka.actor.default-dispatcher.fork-join-executor.parallelism-max"));
        Assert.Equal("round-robin-pool", config.GetString("akka.actor.deployment.\"/user/worker/*\".router"));
        Assert.Equal("localhost", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("akka.coordinated-shutdown.phases.before-service-unbind.timeout"));
        Assert.Equal(new ConfigOrigin("job.conf", 7), config.OriginOf("akka.remote.dot-netty.tcp.port"));
    }

    [Fact]
    public void Rendered_text_parses_back_to_the_same_leaves()
    {
        var config = Resolved("""
            a { "x.y" = "5 s", "" = "", t = "true", n = "10", q = "a\"b\n", e = [], l = [1, [2], {k = v}], z = null }
            b = -1.5e3
            """);

        var back = Config.Parse(config.Render(origins: true), "rendered").Resolve(NoEnvironment);

        Assert.Equal(Leaves(config), Leaves(back));
    }

    [Fact]
    public void Self_reference_builds_on_the_earlier_value_and_the_fallback()
    {
        var job = Config.Parse("path = ${path}\":/bin\"\nlist = [1]\nlist += 2\nx = ${y}\nx { c = 1 }\ny { b = 0 }", "job.conf");
        var reference = Config.Parse("path = /usr", "reference.conf");

        var config = job.WithFallback(reference).Resolve(NoEnvironment);

        Assert.Equal("/usr:/bin", config.GetString("path"));
        Assert.Equal([1, 2], config.GetIntList("list"));
        Assert.Equal(0, config.GetInt("x.b"));
        Assert.Equal(1, config.GetInt("x.c"));
    }

    [Fact]
    public void Substitution_cycle_is_an_error_naming_the_line()
    {
        var ex = Assert.Throws<ConfigException>(() => Resolved("a = ${b}\nb = ${a}"));

        Assert.StartsWith("job.conf:", ex.Message);
        Assert.Contains("cycle", ex.Message);
    }

    [Fact]
    public void Missing_required_substitution_falls_back_to_the_environment()
    {
        var options = new ConfigResolveOptions { Environment = name => name == "HOME_DIR" ? "/home/me" : null };

        var config = Config.Parse("home = ${HOME_DIR}", "job.conf").Resolve(options);
        var ex = Assert.Throws<ConfigException>(() => Config.Parse("x = ${NOPE}", "job.conf").Resolve(options));

        Assert.Equal("/home/me", config.GetString("home"));
        Assert.Equal("env var HOME_DIR", config.OriginOf("home").ToString());
        Assert.StartsWith("job.conf:1: x: could not resolve substitution ${NOPE}", ex.Message);
    }

    [Fact]
    public void Syntax_error_names_the_line_and_what_was_expected()
    {
        var ex = Assert.Throws<ConfigException>(() => Config.Parse("optimizer {\n  lr ]\n}", "job.conf"));

        Assert.Equal("job.conf:2: expected '=', ':' or '{' after key 'lr', found ']'", ex.Message);
    }

    [Fact]
    public void Getter_errors_in_a_sub_config_name_the_full_path()
    {
        var adam = Resolved("optimizer {\n  adam { lr = [1] }\n}").GetConfig("optimizer.adam");

        var wrongType = Assert.Throws<ConfigException>(() => adam.GetDouble("lr"));
        var missing = Assert.Throws<ConfigException>(() => adam.GetDouble("beta"));

        Assert.Equal("job.conf:2: optimizer.adam.lr: has type list rather than number", wrongType.Message);
        Assert.Equal("job.conf:2: optimizer.adam.beta: is missing", missing.Message);
    }

    [Fact]
    public void Typed_getters_convert_like_lightbend()
    {
        var config = Resolved("n = \"42\", s = 1.50, b = on, d = 1.5 m, ms = 250, inf = infinite, size = 64 MiB, k = 2 kB");

        Assert.Equal(42, config.GetInt("n"));
        Assert.Equal("1.50", config.GetString("s"));
        Assert.True(config.GetBoolean("b"));
        Assert.Equal(TimeSpan.FromSeconds(90), config.GetDuration("d"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.GetDuration("ms"));
        Assert.Equal(Timeout.InfiniteTimeSpan, config.GetDuration("inf"));
        Assert.Equal(64L * 1024 * 1024, config.GetBytes("size"));
        Assert.Equal(2000L, config.GetBytes("k"));
        Assert.Throws<ConfigException>(() => config.GetInt("s"));
    }

    [Fact]
    public void Include_merges_relative_to_the_including_file_and_fixes_up_substitutions()
    {
        var dir = Directory.CreateTempSubdirectory("hocon-smoke").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "part.conf"), "x = 10\ny = ${x}\n");
            File.WriteAllText(Path.Combine(dir, "main.conf"), "a { include \"part\" }\na.x = 42\n");
            File.WriteAllText(Path.Combine(dir, "broken.conf"), "include required(\"nothere.conf\")\n");

            var config = Config.ParseFile(Path.Combine(dir, "main.conf")).Resolve(NoEnvironment);
            var ex = Assert.Throws<ConfigException>(() => Config.ParseFile(Path.Combine(dir, "broken.conf")));

            Assert.Equal(42, config.GetInt("a.y"));
            Assert.Contains("broken.conf:1", ex.Message);
            Assert.Contains("nothere.conf", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Getters_on_an_unresolved_config_say_it_must_be_resolved()
    {
        var ex = Assert.Throws<ConfigException>(() => Config.Parse("a = ${b}\nb = 1").GetInt("b"));

        Assert.Contains("must be resolved", ex.Message);
    }

    private static List<string> Leaves(Config config)
        => config.Entries().Select(e => $"{e.Key}={e.Value.Type}:{e.Value.Render()}").ToList();
}
