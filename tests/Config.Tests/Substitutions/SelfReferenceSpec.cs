using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Substitutions;

/// <summary>HOCON.md "Self-referential substitutions": a field that refers to itself sees the value it had before this definition.</summary>
public sealed class SelfReferenceSpec
{
    [Fact]
    public void A_list_can_extend_itself()
    {
        var config = Hocon.Resolve("""
            a = [1, 2, 3]
            a = ${a} [4]
            """);

        Assert.Equal([1, 2, 3, 4], config.GetIntList("a"));
    }

    [Fact]
    public void A_string_can_extend_itself()
    {
        var config = Hocon.Resolve("""
            path = "/usr"
            path = ${path}":/bin"
            """);

        Assert.Equal("/usr:/bin", config.GetString("path"));
    }

    [Fact]
    public void Self_references_stack()
    {
        var config = Hocon.Resolve("""
            p = a
            p = ${p}b
            p = ${p}c
            """);

        Assert.Equal("abc", config.GetString("p"));
    }

    [Fact]
    public void An_object_can_extend_itself()
    {
        var config = Hocon.Resolve("""
            foo { a = 1 }
            foo = ${foo} { b = 2 }
            """);

        Assert.Equal(1, config.GetInt("foo.a"));
        Assert.Equal(2, config.GetInt("foo.b"));
    }

    [Fact]
    public void A_nested_field_can_extend_itself()
    {
        var config = Hocon.Resolve("""
            x.name = foo
            x { name = ${x.name}-bar }
            """);

        Assert.Equal("foo-bar", config.GetString("x.name"));
    }

    [Fact]
    public void A_self_reference_through_a_longer_path_sees_the_value_below()
    {
        var config = Hocon.Resolve("""
            foo { a { c = 1 } }
            foo = ${foo.a}
            foo { a = 2 }
            """);

        Assert.Equal(2, config.GetInt("foo.a"));
        Assert.Equal(1, config.GetInt("foo.c"));
    }

    [Fact]
    public void An_optional_self_reference_with_nothing_below_is_empty()
    {
        var config = Hocon.Resolve("""
            a = ${?a} [1]
            b = ${?b}
            """);

        Assert.Equal([1], config.GetIntList("a"));
        Assert.False(config.HasPathOrNull("b"));
    }

    [Fact]
    public void Other_fields_see_the_final_self_extended_value()
    {
        var config = Hocon.Resolve("""
            a = [1]
            b = ${a}
            a = ${a} [2]
            """);

        Assert.Equal([1, 2], config.GetIntList("b"));
    }

    [Fact]
    public void A_reference_inside_an_object_value_is_not_a_self_reference()
    {
        var config = Hocon.Resolve("""
            a { x = 1 }
            a { y = ${a.x} }
            """);

        Assert.Equal(1, config.GetInt("a.y"));
        Assert.Equal(1, config.GetInt("a.x"));
    }

    [Fact]
    public void Self_extension_equals_writing_the_whole_value() =>
        Hocon.AssertEquivalent(
            "a = [1, 2]",
            "a = [1]\na = ${a} [2]",
            "a = []\na = ${a} [1]\na = ${a} [2]",
            "a = ${?a} [1, 2]");

    [Theory]
    [InlineData(2, "a = 1\na = ${a} [2]")]
    [InlineData(2, "a { x = 1 }\na = ${a} [2]")]
    [InlineData(3, "a = [1]\nb = 0\na = ${a} { x = 1 }")]
    public void A_self_reference_that_mixes_kinds_fails_at_its_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);

    [Fact]
    public void A_required_self_reference_with_nothing_below_fails_at_its_line() =>
        Hocon.AssertFailsAt(2, "x = 0\na = ${a}");
}
