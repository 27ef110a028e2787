using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Substitutions;

/// <summary>
/// HOCON.md "Substitutions": <c>${path}</c> and <c>${?path}</c> resolve after parsing against the root of the final
/// tree; they are not parsed inside quoted strings; an undefined required one is an error; an undefined optional one
/// leaves the field unset (or keeps its earlier value) and drops an array element.
/// </summary>
public sealed class SubstitutionSpec
{
    [Fact]
    public void A_substitution_takes_the_value_and_type_of_its_target()
    {
        var config = Hocon.Resolve("""
            a = 1
            b = ${a}
            t = true
            u = ${t}
            """);

        Assert.Equal(1, config.GetInt("b"));
        Assert.Equal(ConfigValueType.Number, config.GetValue("b").Type);
        Assert.Equal(ConfigValueType.Boolean, config.GetValue("u").Type);
    }

    [Fact]
    public void A_substitution_may_refer_forward()
    {
        var config = Hocon.Resolve("""
            b = ${a}
            a = hello
            """);

        Assert.Equal("hello", config.GetString("b"));
    }

    [Fact]
    public void Substitution_paths_are_absolute_from_the_root()
    {
        var config = Hocon.Resolve("""
            x.y.z = deep
            a {
              b = 1
              c { d = ${a.b}, e = ${x.y.z} }
            }
            """);

        Assert.Equal(1, config.GetInt("a.c.d"));
        Assert.Equal("deep", config.GetString("a.c.e"));
    }

    [Fact]
    public void Objects_and_lists_can_be_substituted()
    {
        var config = Hocon.Resolve("""
            base { p = 1, q = 2 }
            copy = ${base}
            l = [1, 2]
            m = ${l}
            """);

        Assert.Equal(1, config.GetInt("copy.p"));
        Assert.Equal(2, config.GetInt("copy.q"));
        Assert.Equal([1, 2], config.GetIntList("m"));
    }

    [Fact]
    public void Substitutions_concatenate_with_strings()
    {
        var config = Hocon.Resolve("""
            name = world
            dir = /usr
            port = 80
            greet = "hello "${name}
            plural = ${name}s
            bin = ${dir}/bin
            url = "http://h:"${port}
            spaced = ${name} and ${name}
            """);

        Assert.Equal("hello world", config.GetString("greet"));
        Assert.Equal("worlds", config.GetString("plural"));
        Assert.Equal("/usr/bin", config.GetString("bin"));
        Assert.Equal("http://h:80", config.GetString("url"));
        Assert.Equal("world and world", config.GetString("spaced"));
    }

    [Fact]
    public void Substitutions_concatenate_with_lists_and_objects()
    {
        var config = Hocon.Resolve("""
            a = [1]
            b = ${a} [2] ${a}
            o { x = 1 }
            p = ${o} { y = 2 }
            """);

        Assert.Equal([1, 2, 1], config.GetIntList("b"));
        Assert.Equal(1, config.GetInt("p.x"));
        Assert.Equal(2, config.GetInt("p.y"));
        Assert.False(config.HasPath("o.y"));
    }

    [Fact]
    public void Substitutions_work_inside_arrays()
    {
        var config = Hocon.Resolve("""
            x = 5
            l = [${x}, ${x}, 6]
            """);

        Assert.Equal([5, 5, 6], config.GetIntList("l"));
    }

    [Fact]
    public void Substitutions_are_not_parsed_inside_quoted_strings()
    {
        var config = Hocon.Resolve("""
            a = 1
            b = "${a}"
            c = "${nope}"
            """);

        Assert.Equal("${a}", config.GetString("b"));
        Assert.Equal("${nope}", config.GetString("c"));
    }

    [Fact]
    public void Quoted_path_elements_work_in_substitutions()
    {
        var config = Hocon.Resolve("""
            "x.y" = 1
            x.y = 2
            a = ${"x.y"}
            b = ${x.y}
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Substitutions_see_the_final_value_of_their_target()
    {
        var config = Hocon.Resolve("""
            bar { foo = 42, baz = ${bar.foo} }
            bar { foo = 43 }
            """);

        Assert.Equal(43, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Substitutions_chain()
    {
        var config = Hocon.Resolve("""
            a = ${b}
            b = ${c}
            c = 3
            """);

        Assert.Equal(3, config.GetInt("a"));
        Assert.Equal(3, config.GetInt("b"));
    }

    [Fact]
    public void A_substituted_null_is_null()
    {
        var config = Hocon.Resolve("""
            n = null
            m = ${n}
            """);

        Assert.True(config.IsNull("m"));
    }

    [Fact]
    public void A_resolved_config_reports_itself_resolved()
    {
        var parsed = Config.Parse("a = 1\nb = ${a}", Hocon.Source);

        Assert.False(parsed.IsResolved);
        Assert.True(parsed.Resolve(Hocon.NoEnv).IsResolved);
    }

    [Fact]
    public void An_undefined_optional_substitution_leaves_the_field_unset()
    {
        var config = Hocon.Resolve("""
            a = ${?nope}
            o { x = ${?nope.deeper}, y = 1 }
            """);

        Assert.False(config.HasPathOrNull("a"));
        Assert.False(config.HasPathOrNull("o.x"));
        Assert.Equal(1, config.GetInt("o.y"));
        Assert.Equal(["o.y"], config.Entries().Select(e => e.Key));
    }

    [Fact]
    public void An_undefined_optional_substitution_keeps_the_earlier_value()
    {
        var config = Hocon.Resolve("""
            a = 1
            a = ${?nope}
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(1, config.OriginOf("a").Line);
    }

    [Fact]
    public void A_defined_optional_substitution_overrides_the_earlier_value()
    {
        var config = Hocon.Resolve("""
            a = 1
            a = ${?b}
            b = 2
            """);

        Assert.Equal(2, config.GetInt("a"));
    }

    [Fact]
    public void An_undefined_optional_substitution_drops_an_array_element()
    {
        var config = Hocon.Resolve("""
            l = [1, ${?nope}, 2]
            m = [${?nope}]
            """);

        Assert.Equal([1, 2], config.GetIntList("l"));
        Assert.Empty(config.GetIntList("m"));
    }

    [Fact]
    public void An_undefined_optional_substitution_is_empty_inside_a_string_concatenation()
    {
        var config = Hocon.Resolve("a = pre${?nope}post");

        Assert.Equal("prepost", config.GetString("a"));
    }

    [Fact]
    public void Optional_and_required_substitutions_agree_when_the_target_exists() =>
        Hocon.AssertEquivalent(
            "b = 3\na = ${b}",
            "b = 3\na = ${?b}",
            "b = 3\na = 3");

    [Theory]
    [InlineData(2, "a = 1\nb = ${nope}")]
    [InlineData(2, "a { b = 1 }\nc = ${a.c}")]
    [InlineData(2, "a = 1\nc = ${a.b}")]
    [InlineData(4, "outer {\n  inner {\n    x = 1\n    y = ${outer.inner.z}\n  }\n}")]
    [InlineData(3, "a = 1\nl = [\n  ${nope}\n]")]
    public void An_undefined_required_substitution_fails_at_its_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);

    [Fact]
    public void The_undefined_substitution_error_names_the_path()
    {
        Hocon.AssertFailsAt(2, "a = 1\nb = ${no.such.path}", contains: "no.such.path");
    }

    [Theory]
    [InlineData(2, "x = 1\ny = ${}")]
    [InlineData(2, "x = 1\ny = ${a\nz = 2")]
    [InlineData(2, "x = 1\ny = ${a..b}")]
    [InlineData(2, "x = 1\ny = ${?}")]
    [InlineData(2, "o { p = 1 }\ns = ${o} tail")]
    [InlineData(2, "l = [1]\ns = prefix ${l}")]
    [InlineData(3, "o { p = 1 }\nl = [1]\nm = ${o} ${l}")]
    public void Malformed_or_mismatched_substitutions_fail_at_their_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);
}
