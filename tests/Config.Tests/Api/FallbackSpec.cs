using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Api;

/// <summary>
/// <see cref="Config.WithFallback"/>: the receiver over the fallback (a job over reference.conf). Objects merge, the
/// receiver wins on everything else, and substitutions resolve once, against the layered root.
/// </summary>
public sealed class FallbackSpec
{
    private static Config Job(string text) => Config.Parse(text, "job.conf");

    private static Config Reference(string text) => Config.Parse(text, "reference.conf");

    [Fact]
    public void The_front_wins_and_the_fallback_fills_the_gaps()
    {
        var config = Job("a = 1").WithFallback(Reference("a = 2\nb = 3")).Resolve(Hocon.NoEnv);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(3, config.GetInt("b"));
        Assert.Equal(["a", "b"], config.Entries().Select(e => e.Key));
    }

    [Fact]
    public void Objects_merge_across_layers_deeply()
    {
        var config = Job("""
            server.http { port = 9090 }
            """).WithFallback(Reference("""
            server {
              http { host = localhost, port = 8080 }
              grpc.port = 50051
            }
            """)).Resolve(Hocon.NoEnv);

        Assert.Equal(9090, config.GetInt("server.http.port"));
        Assert.Equal("localhost", config.GetString("server.http.host"));
        Assert.Equal(50051, config.GetInt("server.grpc.port"));
    }

    [Fact]
    public void A_front_scalar_hides_a_fallback_object()
    {
        var config = Job("a = 1").WithFallback(Reference("a { x = 1 }")).Resolve(Hocon.NoEnv);

        Assert.Equal(1, config.GetInt("a"));
        Assert.False(config.HasPath("a.x"));
    }

    [Fact]
    public void A_front_object_replaces_a_fallback_scalar()
    {
        var config = Job("a { x = 1 }").WithFallback(Reference("a = 5")).Resolve(Hocon.NoEnv);

        Assert.Equal(1, config.GetInt("a.x"));
    }

    [Fact]
    public void Fallback_substitutions_see_the_front_values()
    {
        var reference = Reference("""
            base-timeout = 5 s
            ask-timeout = ${base-timeout}
            """);

        var config = Job("base-timeout = 10 s").WithFallback(reference).Resolve(Hocon.NoEnv);

        Assert.Equal(TimeSpan.FromSeconds(10), config.GetDuration("ask-timeout"));
        Assert.Equal("10 s", config.GetString("ask-timeout"));
    }

    [Fact]
    public void Front_substitutions_see_fallback_values()
    {
        var config = Job("x = ${y}").WithFallback(Reference("y = 5")).Resolve(Hocon.NoEnv);

        Assert.Equal(5, config.GetInt("x"));
    }

    [Fact]
    public void A_front_self_reference_extends_the_fallback_value()
    {
        var config = Job("a = ${a} [2]\ns = ${s}-job").WithFallback(Reference("a = [1]\ns = ref")).Resolve(Hocon.NoEnv);

        Assert.Equal([1, 2], config.GetIntList("a"));
        Assert.Equal("ref-job", config.GetString("s"));
    }

    [Fact]
    public void Front_plus_equals_appends_to_the_fallback_list()
    {
        var config = Job("a += 3").WithFallback(Reference("a = [1, 2]")).Resolve(Hocon.NoEnv);

        Assert.Equal([1, 2, 3], config.GetIntList("a"));
    }

    [Fact]
    public void An_undefined_optional_in_front_keeps_the_fallback_value()
    {
        var config = Job("a = ${?nope}").WithFallback(Reference("a = 7")).Resolve(Hocon.NoEnv);

        Assert.Equal(7, config.GetInt("a"));
        Assert.Equal("reference.conf", config.OriginOf("a").Source);
    }

    [Fact]
    public void An_environment_override_in_the_fallback_applies()
    {
        var config = Job("other = 1")
            .WithFallback(Reference("port = 2552\nport = ${?PORT}"))
            .Resolve(Hocon.Env(("PORT", "9")));

        Assert.Equal(9, config.GetInt("port"));
    }

    [Fact]
    public void Layers_chain_in_order_and_associate()
    {
        var a = Config.Parse("x = a", "a.conf");
        var b = Config.Parse("x = b\ny = b", "b.conf");
        var c = Config.Parse("x = c\ny = c\nz = c", "c.conf");

        var left = a.WithFallback(b).WithFallback(c).Resolve(Hocon.NoEnv);
        var right = a.WithFallback(b.WithFallback(c)).Resolve(Hocon.NoEnv);

        Assert.Equal("a", left.GetString("x"));
        Assert.Equal("b", left.GetString("y"));
        Assert.Equal("c", left.GetString("z"));
        Assert.Equal(Hocon.Describe(left), Hocon.Describe(right));
        Assert.Equal("b.conf", left.OriginOf("y").Source);
    }

    [Fact]
    public void The_empty_config_is_neutral()
    {
        var text = "a { b = 1 }\nc = [x]";

        var plain = Hocon.Resolve(text);
        var over = Config.Empty.WithFallback(Config.Parse(text, Hocon.Source)).Resolve(Hocon.NoEnv);
        var under = Config.Parse(text, Hocon.Source).WithFallback(Config.Empty).Resolve(Hocon.NoEnv);

        Assert.Equal(Hocon.Describe(plain), Hocon.Describe(over));
        Assert.Equal(Hocon.Describe(plain), Hocon.Describe(under));
    }

    [Fact]
    public void Layering_does_not_change_either_layer()
    {
        var job = Job("a = 1");
        var reference = Reference("b = 2");

        _ = job.WithFallback(reference).Resolve(Hocon.NoEnv);

        Assert.False(job.Resolve(Hocon.NoEnv).HasPath("b"));
        Assert.False(reference.Resolve(Hocon.NoEnv).HasPath("a"));
    }

    [Fact]
    public void Origins_name_the_layer_that_won()
    {
        var config = Job("x = 0\na = 1").WithFallback(Reference("a = 2\nb = 3")).Resolve(Hocon.NoEnv);

        Assert.Equal(new ConfigOrigin("job.conf", 2), config.OriginOf("a"));
        Assert.Equal(new ConfigOrigin("reference.conf", 2), config.OriginOf("b"));
    }

    [Fact]
    public void An_undefined_substitution_in_the_front_points_at_the_front_file()
    {
        var layered = Job("a = 1\nb = ${missing}").WithFallback(Reference("c = 1"));

        var error = Assert.Throws<ConfigException>(() => layered.Resolve(Hocon.NoEnv));

        Hocon.AssertLocated(error, "job.conf", 2);
    }

    [Fact]
    public void An_undefined_substitution_in_the_fallback_points_at_the_fallback_file()
    {
        var layered = Job("a = 1").WithFallback(Reference("x = 1\n\ny = ${nope}"));

        var error = Assert.Throws<ConfigException>(() => layered.Resolve(Hocon.NoEnv));

        Hocon.AssertLocated(error, "reference.conf", 3);
    }

    [Fact]
    public void A_getter_error_points_at_the_layer_that_holds_the_value()
    {
        var config = Job("x = 0\nworkers = many").WithFallback(Reference("workers = 4")).Resolve(Hocon.NoEnv);

        Hocon.AssertGetterFailsAt(2, "workers", () => config.GetInt("workers"), source: "job.conf");
    }
}
