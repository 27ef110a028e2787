using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Substitutions;

/// <summary>HOCON.md "The += field separator": <c>a += x</c> means <c>a = ${?a} [x]</c>.</summary>
public sealed class PlusEqualsSpec
{
    [Fact]
    public void Plus_equals_appends_to_an_existing_list()
    {
        var config = Hocon.Resolve("""
            a = [1]
            a += 2
            """);

        Assert.Equal([1, 2], config.GetIntList("a"));
    }

    [Fact]
    public void Plus_equals_with_nothing_before_starts_a_list()
    {
        var config = Hocon.Resolve("""
            a += 1
            a += 2
            s += x
            """);

        Assert.Equal([1, 2], config.GetIntList("a"));
        Assert.Equal(["x"], config.GetStringList("s"));
    }

    [Fact]
    public void Plus_equals_works_on_nested_paths()
    {
        var config = Hocon.Resolve("""
            o { l += 1 }
            o.l += 2
            o { l += 3 }
            """);

        Assert.Equal([1, 2, 3], config.GetIntList("o.l"));
    }

    [Fact]
    public void Plus_equals_appends_objects_and_lists_as_single_elements()
    {
        var config = Hocon.Resolve("""
            servers += { host = a }
            servers += { host = b }
            nested = [0]
            nested += [1, 2]
            """);

        Assert.Equal(["a", "b"], config.GetConfigList("servers").Select(s => s.GetString("host")));
        var nested = Hocon.List(config, "nested");
        Assert.Equal(2, nested.Count);
        Assert.Equal(ConfigValueType.List, nested[1].Type);
    }

    [Fact]
    public void Plus_equals_without_spaces_and_later_references_see_the_result()
    {
        var config = Hocon.Resolve("""
            a+=1
            a += 2
            b = ${a}
            """);

        Assert.Equal([1, 2], config.GetIntList("b"));
    }

    [Fact]
    public void Plus_equals_is_an_optional_self_reference() =>
        Hocon.AssertEquivalent(
            "a = [0, 1]",
            "a = [0]\na += 1",
            "a = [0]\na = ${?a} [1]",
            "a += 0\na += 1");

    [Theory]
    [InlineData(2, "a = 1\na += 2")]
    [InlineData(2, "a { x = 1 }\na += 2")]
    [InlineData(3, "a = text\nb = 0\na += 2")]
    [InlineData(2, "a += 1\nb + = 2")]
    public void Plus_equals_onto_a_non_list_fails_at_its_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);
}
