using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Syntax;

/// <summary>HOCON.md "Key-value separator", "Commas", "Whitespace": <c>=</c>, <c>:</c> or an opening brace; newlines or commas between fields and elements; one trailing comma.</summary>
public sealed class SeparatorsAndCommasSpec
{
    [Fact]
    public void Equals_colon_and_brace_all_separate_a_key_from_its_value()
    {
        var config = Hocon.Resolve("""
            a = 1
            b : 2
            c { d = 3 }
            e=4
            f   :   5
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c.d"));
        Assert.Equal(4, config.GetInt("e"));
        Assert.Equal(5, config.GetInt("f"));
    }

    [Fact]
    public void Commas_and_newlines_both_separate_fields()
    {
        var config = Hocon.Resolve("""
            a = 1, b = 2
            c = 3,
            d = 4
            """);

        Assert.Equal(["a", "b", "c", "d"], config.Entries().Select(e => e.Key));
        Assert.Equal(4, config.GetInt("d"));
    }

    [Fact]
    public void One_trailing_comma_is_allowed_in_objects_and_arrays()
    {
        var config = Hocon.Resolve("""
            o { x = 1, y = 2, }
            l = [1, 2, ]
            """);

        Assert.Equal(2, config.GetInt("o.y"));
        Assert.Equal(2, config.GetConfig("o").Entries().Count);
        Assert.Equal([1, 2], config.GetIntList("l"));
    }

    [Fact]
    public void Newlines_separate_array_elements()
    {
        var config = Hocon.Resolve("""
            l = [
              1
              2

              3
            ]
            """);

        Assert.Equal([1, 2, 3], config.GetIntList("l"));
    }

    [Fact]
    public void Empty_objects_and_arrays_are_values()
    {
        var config = Hocon.Resolve("""
            o {}
            p = {}
            l = []
            """);

        Assert.True(config.HasPath("o"));
        Assert.Equal(ConfigValueType.Object, config.GetValue("p").Type);
        Assert.Empty(config.GetConfig("o").Entries());
        Assert.Empty(config.GetStringList("l"));
    }

    [Fact]
    public void Commas_newlines_and_braces_are_interchangeable_separators() =>
        Hocon.AssertEquivalent(
            "a = 1, b = 2",
            "a = 1\nb = 2",
            "a : 1\nb : 2,",
            "{ \"a\" : 1, \"b\" : 2 }",
            "a=1,\n\nb=2\n",
            "a = 1\n, b = 2");

    [Fact]
    public void Separator_before_an_object_is_optional() =>
        Hocon.AssertEquivalent(
            "a { b = 1 }",
            "a = { b = 1 }",
            "a : { b : 1 }",
            "a {\n  b = 1\n}");

    [Fact]
    public void Array_elements_separate_the_same_with_commas_or_newlines() =>
        Hocon.AssertEquivalent(
            "l = [1, 2, 3]",
            "l = [1, 2, 3,]",
            "l = [\n1\n2\n3\n]",
            "l = [\n  1,\n  2,\n  3,\n]",
            "l = [1\n, 2\n, 3]");

    [Theory]
    [InlineData(2, "a = 1\nl = [1,,2]")]
    [InlineData(2, "a = 1\nl = [,1]")]
    [InlineData(3, "a = 1\nl = [1,\n  2,,\n]")]
    [InlineData(2, "a = 1\no { x = 1,, y = 2 }")]
    [InlineData(2, "a = 1\nb = 2,,\nc = 3")]
    [InlineData(2, "a = 1\nb 2\nc = 3")]
    [InlineData(2, "a = 1\nb = ,\nc = 3")]
    [InlineData(3, "a = 1\nb = 2\n= 3")]
    [InlineData(2, "a = 1\nb : : 2")]
    [InlineData(2, "x = 0\na = 1 b = 2")]
    public void Broken_separators_fail_at_their_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);
}
