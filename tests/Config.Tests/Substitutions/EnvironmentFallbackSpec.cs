using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Substitutions;

/// <summary>
/// HOCON.md "Substitution fallback to environment variables": a substitution the tree cannot answer is looked up as the
/// environment variable named by the path text; the value is a string. The environment is always injected here.
/// </summary>
public sealed class EnvironmentFallbackSpec
{
    [Fact]
    public void A_path_missing_from_the_tree_is_read_from_the_environment()
    {
        var config = Hocon.Resolve("""
            home = ${APP_HOME}
            bin = ${APP_HOME}/bin
            """, Hocon.Env(("APP_HOME", "/opt/app")));

        Assert.Equal("/opt/app", config.GetString("home"));
        Assert.Equal("/opt/app/bin", config.GetString("bin"));
    }

    [Fact]
    public void Environment_values_are_strings_that_the_getters_convert()
    {
        var config = Hocon.Resolve("""
            port = ${PORT}
            debug = ${DEBUG}
            """, Hocon.Env(("PORT", "8080"), ("DEBUG", "yes")));

        Assert.Equal(ConfigValueType.String, config.GetValue("port").Type);
        Assert.Equal(8080, config.GetInt("port"));
        Assert.True(config.GetBoolean("debug"));
    }

    [Fact]
    public void Environment_values_are_not_parsed_as_hocon()
    {
        var config = Hocon.Resolve("list = ${LIST}", Hocon.Env(("LIST", "[1, 2] # x")));

        Assert.Equal(ConfigValueType.String, config.GetValue("list").Type);
        Assert.Equal("[1, 2] # x", config.GetString("list"));
    }

    [Fact]
    public void An_empty_environment_variable_is_an_empty_string()
    {
        var config = Hocon.Resolve("v = ${EMPTY}", Hocon.Env(("EMPTY", "")));

        Assert.True(config.HasPath("v"));
        Assert.Equal("", config.GetString("v"));
    }

    [Theory]
    [InlineData(true, "9000")]
    [InlineData(false, "2552")]
    public void An_optional_environment_override_applies_only_when_set(bool set, string expected)
    {
        var env = set ? Hocon.Env(("PORT", "9000")) : Hocon.NoEnv;

        var config = Hocon.Resolve("""
            port = 2552
            port = ${?PORT}
            """, env);

        Assert.Equal(expected, config.GetString("port"));
        Assert.Equal(int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), config.GetInt("port"));
        if (!set)
            Assert.Equal(1, config.OriginOf("port").Line);
    }

    [Theory]
    [InlineData(true, new[] { "a", "x", "b" })]
    [InlineData(false, new[] { "a", "b" })]
    public void An_optional_environment_element_is_dropped_when_unset(bool set, string[] expected)
    {
        var env = set ? Hocon.Env(("EXTRA", "x")) : Hocon.NoEnv;

        var config = Hocon.Resolve("l = [a, ${?EXTRA}, b]", env);

        Assert.Equal(expected, config.GetStringList("l"));
    }

    [Fact]
    public void The_tree_wins_over_the_environment()
    {
        var config = Hocon.Resolve("""
            HOST = fromconfig
            h = ${HOST}
            """, Hocon.Env(("HOST", "fromenv")));

        Assert.Equal("fromconfig", config.GetString("h"));
    }

    [Fact]
    public void With_the_environment_off_optional_lookups_stay_unset()
    {
        var options = Hocon.Env(("HOME", "/home/x")) with { UseEnvironment = false };

        var config = Hocon.Resolve("""
            a = ${?HOME}
            b = 1
            """, options);

        Assert.False(config.HasPathOrNull("a"));
        Assert.Equal(1, config.GetInt("b"));
    }

    [Fact]
    public void Environment_and_literal_spellings_give_the_same_tree()
    {
        var env = Hocon.Env(("NAME", "svc"));
        var fromEnv = Hocon.Resolve("n = ${NAME}\nm = ${?NAME}-1", env);
        var literal = Hocon.Resolve("n = svc\nm = svc-1");

        Assert.Equal(Hocon.Describe(literal), Hocon.Describe(fromEnv));
    }

    [Fact]
    public void An_unset_required_variable_fails_at_its_line_and_names_it() =>
        Hocon.AssertFailsAt(2, "a = 1\nb = ${NOT_SET}", contains: "NOT_SET");

    [Fact]
    public void With_the_environment_off_a_required_variable_fails_at_its_line() =>
        Hocon.AssertFailsAt(3, "a = 1\n\nb = ${SET_VAR}", options: Hocon.Env(("SET_VAR", "x")) with { UseEnvironment = false });
}
