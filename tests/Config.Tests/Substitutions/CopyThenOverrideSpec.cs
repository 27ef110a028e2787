using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Substitutions;

/// <summary>HOCON.md "Inheritance": <c>x = ${y}</c> followed by <c>x { … }</c> merges the copy with the overrides; the original is untouched.</summary>
public sealed class CopyThenOverrideSpec
{
    [Fact]
    public void A_copied_object_merges_with_later_fields()
    {
        var config = Hocon.Resolve("""
            data-center-generic = { cluster-size = 6 }
            data-center-east = ${data-center-generic}
            data-center-east = { name = "east" }
            """);

        Assert.Equal(6, config.GetInt("data-center-east.cluster-size"));
        Assert.Equal("east", config.GetString("data-center-east.name"));
        Assert.False(config.HasPath("data-center-generic.name"));
    }

    [Fact]
    public void Copy_and_override_can_be_one_concatenation()
    {
        var config = Hocon.Resolve("""
            data-center-generic = { cluster-size = 6 }
            data-center-east = ${data-center-generic} { name = "east" }
            """);

        Assert.Equal(6, config.GetInt("data-center-east.cluster-size"));
        Assert.Equal("east", config.GetString("data-center-east.name"));
    }

    [Fact]
    public void Overrides_replace_copied_fields_without_touching_the_original()
    {
        var config = Hocon.Resolve("""
            y { a = 1, b = 2 }
            x = ${y}
            x { b = 4, c = 3 }
            """);

        Assert.Equal(1, config.GetInt("x.a"));
        Assert.Equal(4, config.GetInt("x.b"));
        Assert.Equal(3, config.GetInt("x.c"));
        Assert.Equal(2, config.GetInt("y.b"));
        Assert.False(config.HasPath("y.c"));
    }

    [Fact]
    public void A_dotted_override_of_a_forward_copy()
    {
        var config = Hocon.Resolve("""
            x = ${y}
            x.a = 9
            y { a = 1, b = 2 }
            """);

        Assert.Equal(9, config.GetInt("x.a"));
        Assert.Equal(2, config.GetInt("x.b"));
        Assert.Equal(1, config.GetInt("y.a"));
    }

    [Fact]
    public void Deep_overrides_keep_the_rest_of_the_copied_subtree()
    {
        var config = Hocon.Resolve("""
            y { inner { a = 1, b = 2 } }
            x = ${y}
            x.inner.b = 3
            """);

        Assert.Equal(1, config.GetInt("x.inner.a"));
        Assert.Equal(3, config.GetInt("x.inner.b"));
        Assert.Equal(2, config.GetInt("y.inner.b"));
    }

    [Fact]
    public void A_copy_of_an_overridden_copy_sees_the_overrides()
    {
        var config = Hocon.Resolve("""
            y { a = 1 }
            x = ${y}
            x { b = 2 }
            z = ${x}
            z { c = 3 }
            """);

        Assert.Equal(1, config.GetInt("z.a"));
        Assert.Equal(2, config.GetInt("z.b"));
        Assert.Equal(3, config.GetInt("z.c"));
        Assert.False(config.HasPath("x.c"));
        Assert.False(config.HasPath("y.b"));
    }

    [Fact]
    public void A_later_scalar_or_list_replaces_a_copy()
    {
        var config = Hocon.Resolve("""
            y { a = 1 }
            x = ${y}
            x = 5
            l = [1]
            m = ${l}
            m = [9]
            """);

        Assert.Equal(5, config.GetInt("x"));
        Assert.Equal([9], config.GetIntList("m"));
    }

    [Fact]
    public void An_object_after_a_copied_scalar_replaces_it()
    {
        var config = Hocon.Resolve("""
            y = 5
            x = ${y}
            x { c = 1 }
            """);

        Assert.Equal(1, config.GetInt("x.c"));
        Assert.Equal(5, config.GetInt("y"));
    }

    [Fact]
    public void Copy_then_override_equals_writing_the_merged_object() =>
        Hocon.AssertEquivalent(
            "y { a = 1, b = 2 }\nx { a = 1, b = 3 }",
            "y { a = 1, b = 2 }\nx = ${y}\nx { b = 3 }",
            "y { a = 1, b = 2 }\nx = ${y} { b = 3 }",
            "y { a = 1, b = 2 }\nx = ${y}\nx.b = 3");

    [Theory]
    [InlineData(2, "y { a = 1 }\nx = ${nope}\nx { c = 1 }")]
    [InlineData(3, "y = [1]\nz = 0\nx = ${y} { c = 1 }")]
    public void A_broken_copy_fails_at_its_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);
}
