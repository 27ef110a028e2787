using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Api;

/// <summary><see cref="Config.Render"/>: the output is HOCON that parses back to an equal tree; with origins it carries <c># source:line</c> comments.</summary>
public sealed class RenderSpec
{
    /// <summary>Render, parse back, resolve, and compare the whole tree (empty objects included) and the leaves.</summary>
    private static void AssertRoundTrips(string text)
    {
        var original = Hocon.Resolve(text);
        foreach (var origins in new[] { false, true })
        {
            var rendered = original.Render(origins);
            var again = Config.Parse(rendered, "rendered.conf").Resolve(Hocon.NoEnv);
            Assert.Equal(Hocon.Show(original.Root), Hocon.Show(again.Root));
            Assert.Equal(Hocon.Describe(original), Hocon.Describe(again));
            Assert.Equal(original.Render(false), again.Render(false));
        }
    }

    [Theory]
    [InlineData("a = 1\nb = two\nc = true\nd = null\ne = 2.5\nf = -1.5e3")]
    [InlineData("a { b { c = 1, d = [1, 2] } }\ne = {}\nf = []")]
    [InlineData("l = [[1], [], [a, [b]]]\nm = [{ x = 1 }, { y = { z = 2 } }]")]
    [InlineData("s1 = \"a b\"\ns2 = \"x#y\"\ns3 = \"//\"\ns4 = \"${x}\"\ns5 = \"\"")]
    [InlineData("t1 = \"true\"\nt2 = \"42\"\nt3 = \"null\"\nt4 = \" lead\"\nt5 = \"trail \"")]
    [InlineData("q1 = \"line1\\nline2\"\nq2 = \"tab\\there\"\nq3 = \"quote\\\"d\"\nq4 = \"back\\\\slash\"\nq5 = \"caf\u00e9\"")]
    [InlineData("q = \"\"\"raw\nmulti \"line\" \\n text\"\"\"")]
    [InlineData("u = \"{ [ ] } = : , + ? ! @ * & ^ ` $\"")]
    [InlineData("\"a.b\" = 1\n\"a b\" = 2\n\"/user/a/*\" = 3\n\"\" = 4\n\"include\" = 5\n\"x\\\"y\" = 6")]
    [InlineData("true = 1\nnull = 2\n10 = 3\n\"#\" = 4\n\"//\" = 5")]
    [InlineData("a = 1\nb = ${a}\nc = [${a}, ${b}]\nd = ${a} apples\ne { x = 1 }\nf = ${e} { y = 2 }")]
    [InlineData("akka.actor.deployment { \"/user/a/*\" { router = round-robin-pool, within = 10 s } }")]
    public void Rendered_text_parses_back_to_an_equal_config(string text) =>
        AssertRoundTrips(text);

    [Fact]
    public void Types_survive_the_round_trip()
    {
        var original = Hocon.Resolve("s = \"42\"\nn = 42\nb = \"yes\"\nt = true\nz = null");

        var again = Config.Parse(original.Render(false), "rendered.conf").Resolve(Hocon.NoEnv);

        Assert.Equal(ConfigValueType.String, again.GetValue("s").Type);
        Assert.Equal(ConfigValueType.Number, again.GetValue("n").Type);
        Assert.Equal(ConfigValueType.String, again.GetValue("b").Type);
        Assert.Equal(ConfigValueType.Boolean, again.GetValue("t").Type);
        Assert.True(again.IsNull("z"));
    }

    [Fact]
    public void Rendering_with_origins_writes_source_and_line_comments()
    {
        var config = Hocon.Resolve("""
            x = 0
            a = 1
            b {
              c = 2
            }
            """);

        var rendered = config.Render(origins: true);

        Assert.Contains("# test.conf:2", rendered, StringComparison.Ordinal);
        Assert.Contains("# test.conf:4", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_without_origins_writes_no_origin_comments()
    {
        var rendered = Hocon.Resolve("a = 1\nb { c = 2 }").Render(origins: false);

        Assert.DoesNotContain("test.conf", rendered, StringComparison.Ordinal);
        Assert.Contains('1', rendered);
    }

    [Fact]
    public void Rendering_a_resolved_config_writes_no_substitutions()
    {
        var rendered = Hocon.Resolve("a = 1\nb = ${a}\nc = ${?nope}").Render(false);

        Assert.DoesNotContain("${", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("nope", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_keeps_the_key_order()
    {
        var rendered = Hocon.Resolve("zeta = 1\nalpha = 2\nmid = 3").Render(false);

        var zeta = rendered.IndexOf("zeta", StringComparison.Ordinal);
        var alpha = rendered.IndexOf("alpha", StringComparison.Ordinal);
        var mid = rendered.IndexOf("mid", StringComparison.Ordinal);
        Assert.True(zeta >= 0 && zeta < alpha && alpha < mid, rendered);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("\"two words\"")]
    [InlineData("\"multi\\nline\"")]
    [InlineData("\"quote \\\" inside\"")]
    [InlineData("\"${not}\"")]
    [InlineData("\"123\"")]
    [InlineData("123")]
    [InlineData("-0.5")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("[1, \"a b\", [null]]")]
    [InlineData("{ k = v, \"a.b\" = { c = [] } }")]
    public void A_single_value_renders_as_hocon_for_that_value(string value)
    {
        var original = Hocon.Resolve($"v = {value}").GetValue("v");

        var again = Hocon.Resolve($"v = {original.Render()}").GetValue("v");

        Assert.Equal(Hocon.Show(original), Hocon.Show(again));
    }
}
