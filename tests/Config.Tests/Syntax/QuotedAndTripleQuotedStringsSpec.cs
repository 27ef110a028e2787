using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Syntax;

/// <summary>HOCON.md "Quoted strings" (JSON escapes, one line) and "Multi-line strings" (triple quotes, raw, may span lines).</summary>
public sealed class QuotedAndTripleQuotedStringsSpec
{
    [Theory]
    [InlineData("\"a\\tb\"", "a\tb")]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("\"\\\"q\\\"\"", "\"q\"")]
    [InlineData("\"back\\\\slash\"", "back\\slash")]
    [InlineData("\"\\/\"", "/")]
    [InlineData("\"\\u0041\\u00e9\"", "A\u00e9")]
    [InlineData("\"\\b\\f\\r\"", "\b\f\r")]
    [InlineData("\"\"", "")]
    [InlineData("\"  padded  \"", "  padded  ")]
    [InlineData("\"a = b, c: {d} [e]\"", "a = b, c: {d} [e]")]
    [InlineData("\"${not.a.substitution}\"", "${not.a.substitution}")]
    [InlineData("\"caf\u00e9 \u65e5\u672c\"", "caf\u00e9 \u65e5\u672c")]
    public void Quoted_strings_take_json_escapes(string value, string expected)
    {
        var config = Hocon.Resolve($"first = 0\nv = {value}");

        var scalar = Hocon.Scalar(config, "v");
        Assert.Equal(ConfigValueType.String, scalar.Type);
        Assert.Equal(expected, scalar.Text);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("\"42\"")]
    [InlineData("\"null\"")]
    public void Quoting_keeps_a_literal_a_string(string value)
    {
        var config = Hocon.Resolve($"v = {value}");

        Assert.Equal(ConfigValueType.String, config.GetValue("v").Type);
        Assert.Equal(value.Trim('"'), config.GetString("v"));
        Assert.True(config.HasPath("v"));
    }

    [Fact]
    public void Triple_quoted_strings_are_raw()
    {
        var config = Hocon.Resolve(""""
            a = """raw \n not \t escaped \u0041"""
            """");

        Assert.Equal("raw \\n not \\t escaped \\u0041", config.GetString("a"));
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_and_keep_the_newlines()
    {
        var config = Hocon.Resolve(""""
            a = """line1
            line2
              indented"""
            b = after
            """");

        Assert.Equal("line1\nline2\n  indented", config.GetString("a"));
        Assert.Equal("after", config.GetString("b"));
        Assert.Equal(4, config.OriginOf("b").Line);
    }

    [Fact]
    public void Triple_quoted_strings_may_hold_single_and_double_quotes()
    {
        var config = Hocon.Resolve(""""
            a = """say "hi" and ""bye"" """
            """");

        Assert.Equal("say \"hi\" and \"\"bye\"\" ", config.GetString("a"));
    }

    [Fact]
    public void Extra_quotes_before_the_closing_triple_belong_to_the_string()
    {
        var config = Hocon.Resolve("""""
            a = """"quoted""""
            """"");

        Assert.Equal("\"quoted\"", config.GetString("a"));
    }

    [Fact]
    public void Unquoted_quoted_and_triple_quoted_spellings_are_the_same_string() =>
        Hocon.AssertEquivalent(
            "a = foo",
            "a = \"foo\"",
            "a = \"\"\"foo\"\"\"",
            "a = \"f\"oo",
            "a = \"\\u0066oo\"");

    [Theory]
    [InlineData(2, "x = 1\na = \"bad \\q escape\"")]
    [InlineData(2, "x = 1\na = \"open\nb = 2")]
    [InlineData(2, "x = 1\na = \"\\u12\"")]
    [InlineData(2, "x = 1\na = \"\\uZZZZ\"")]
    [InlineData(3, "x = 1\ny = 2\nz = \"abc")]
    [InlineData(3, "x = 1\ny = 2\na = \"\"\"never closed")]
    [InlineData(4, "a = \"\"\"1\n2\n3\"\"\"\nb = [,]")]
    public void Broken_strings_fail_at_their_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);
}
