using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Substitutions;

/// <summary>HOCON.md "Substitution cycles": a substitution that needs itself to resolve is an error that says "cycle"; a mere reuse is not.</summary>
public sealed class CyclesSpec
{
    [Theory]
    [InlineData("a = ${b}\nb = ${a}")]
    [InlineData("a = ${b}\nb = ${c}\nc = ${a}")]
    [InlineData("x = 1\na = ${b.c}\nb { c = ${a} }")]
    [InlineData("a = [${b}]\nb = [${a}]")]
    [InlineData("a = ${b} suffix\nb = prefix ${a}")]
    [InlineData("a { b = ${a} }")]
    [InlineData("a = ${b}\nb = { c = ${a} }")]
    public void A_cycle_of_substitutions_is_an_error_that_says_cycle(string text)
    {
        var error = Assert.Throws<ConfigException>(() => Hocon.Resolve(text));

        Assert.Contains("cycle", error.Message, StringComparison.OrdinalIgnoreCase);
        Hocon.AssertOneLine(error);
        Assert.NotNull(error.Origin);
        Assert.Equal(Hocon.Source, error.Origin.Source);
        Assert.InRange(error.Origin.Line, 1, text.Split('\n').Length);
    }

    [Fact]
    public void A_cycle_across_fallback_layers_is_an_error()
    {
        var front = Config.Parse("a = ${b}", "job.conf");
        var back = Config.Parse("b = ${a}", "reference.conf");

        var error = Assert.Throws<ConfigException>(() => front.WithFallback(back).Resolve(Hocon.NoEnv));

        Assert.Contains("cycle", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_cycle_is_not_answered_from_the_environment()
    {
        var error = Assert.Throws<ConfigException>(() => Hocon.Resolve("a = ${b}\nb = ${a}", Hocon.Env(("a", "1"), ("b", "2"))));

        Assert.Contains("cycle", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Referring_to_a_sibling_inside_the_same_object_is_not_a_cycle()
    {
        var config = Hocon.Resolve("bar { foo = 42, baz = ${bar.foo} }");

        Assert.Equal(42, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Many_references_to_one_value_are_not_a_cycle()
    {
        var config = Hocon.Resolve("""
            a = 1
            b = ${a}
            c = [${a}, ${b}]
            d { e = ${c}, f = ${b} }
            """);

        Assert.Equal([1, 1], config.GetIntList("d.e"));
        Assert.Equal(1, config.GetInt("d.f"));
    }

    [Fact]
    public void Looking_into_an_object_that_refers_back_is_not_a_cycle_when_the_looked_at_field_does_not()
    {
        var config = Hocon.Resolve("""
            a = ${b.x}
            b { x = 1, y = ${a} }
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(1, config.GetInt("b.y"));
    }

    [Fact]
    public void A_self_reference_with_a_value_below_is_not_a_cycle()
    {
        var config = Hocon.Resolve("""
            a = 1
            a = ${a}
            """);

        Assert.Equal(1, config.GetInt("a"));
    }
}
