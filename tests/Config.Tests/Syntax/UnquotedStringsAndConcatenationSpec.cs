using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Syntax;

/// <summary>
/// HOCON.md "Unquoted strings" and "Value concatenation": simple values on one line concatenate into a string with the
/// whitespace between them kept (and the whitespace around them dropped); arrays concatenate; objects merge;
/// mixing kinds is an error; reserved characters are not allowed outside quotes.
/// </summary>
public sealed class UnquotedStringsAndConcatenationSpec
{
    [Theory]
    [InlineData("foo", "foo")]
    [InlineData("foo bar", "foo bar")]
    [InlineData("foo   bar", "foo   bar")]
    [InlineData("   foo   ", "foo")]
    [InlineData("5 s", "5 s")]
    [InlineData("\"foo\" \"bar\"", "foo bar")]
    [InlineData("\"foo\"bar", "foobar")]
    [InlineData("foo\"bar\"baz", "foobarbaz")]
    [InlineData("1 2 3", "1 2 3")]
    [InlineData("true false", "true false")]
    [InlineData("null x", "null x")]
    [InlineData("a.b/c-d_e", "a.b/c-d_e")]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("truex", "truex")]
    [InlineData("foo bar // comment", "foo bar")]
    [InlineData("\"  keep  \" x", "  keep   x")]
    public void Simple_values_on_one_line_concatenate_into_a_string(string value, string expected)
    {
        var config = Hocon.Resolve($"first = 0\nv = {value}\nlast = 1");

        var scalar = Hocon.Scalar(config, "v");
        Assert.Equal(ConfigValueType.String, scalar.Type);
        Assert.Equal(expected, scalar.Text);
        Assert.Equal(expected, config.GetString("v"));
        Assert.Equal(1, config.GetInt("last"));
    }

    [Fact]
    public void Arrays_on_one_line_concatenate()
    {
        var config = Hocon.Resolve("""
            a = [1, 2] [3]
            b = [1] [] [2]
            c = [x] [[y]]
            """);

        Assert.Equal([1, 2, 3], config.GetIntList("a"));
        Assert.Equal([1, 2], config.GetIntList("b"));
        var c = Hocon.List(config, "c");
        Assert.Equal(2, c.Count);
        Assert.Equal(ConfigValueType.List, c[1].Type);
    }

    [Fact]
    public void Objects_on_one_line_merge_with_the_later_one_winning()
    {
        var config = Hocon.Resolve("""
            a = { x = 1 } { y = 2 }
            b = { x = 1 } { x = 2 }
            """);

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
        Assert.Equal(2, config.GetInt("b.x"));
    }

    [Fact]
    public void Array_concatenation_equals_one_array() =>
        Hocon.AssertEquivalent(
            "a = [1, 2, 3]",
            "a = [1] [2, 3]",
            "a = [1, 2] [] [3]",
            "a = [] [1, 2, 3] []");

    [Fact]
    public void Object_concatenation_equals_one_object() =>
        Hocon.AssertEquivalent(
            "a { x = 1, y = 2 }",
            "a = { x = 1 } { y = 2 }",
            "a = { x = 0, y = 2 } { x = 1 }");

    [Theory]
    [InlineData("^")]
    [InlineData("!")]
    [InlineData("@")]
    [InlineData("*")]
    [InlineData("&")]
    [InlineData("`")]
    [InlineData("?")]
    [InlineData("\\")]
    [InlineData("+")]
    [InlineData("$")]
    public void Reserved_characters_outside_quotes_fail_at_their_line(string reserved) =>
        Hocon.AssertFailsAt(2, $"ok = 1\nbad = foo{reserved}bar\nz = 2");

    [Theory]
    [InlineData(2, "ok = 1\na = [1] foo")]
    [InlineData(2, "ok = 1\na = foo [1]")]
    [InlineData(2, "ok = 1\na = { x = 1 } foo")]
    [InlineData(3, "ok = 1\nz = 2\na = [1] { x = 1 }")]
    [InlineData(2, "ok = 1\na = { x = 1 } [1]")]
    public void Concatenating_different_kinds_fails_at_their_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);
}
