using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Syntax;

/// <summary>HOCON.md "Duplicate keys and object merging": objects merge recursively; any later non-object replaces; a non-object hides earlier objects from later merges.</summary>
public sealed class DuplicateKeyMergingSpec
{
    [Fact]
    public void Duplicate_objects_merge_and_later_scalars_win()
    {
        var config = Hocon.Resolve("""
            a { x = 1, y = 1 }
            a { y = 2, z = 2 }
            """);

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
        Assert.Equal(2, config.GetInt("a.z"));
        Assert.Equal(2, config.OriginOf("a.y").Line);
        Assert.Equal(1, config.OriginOf("a.x").Line);
    }

    [Fact]
    public void A_later_scalar_replaces_an_earlier_one()
    {
        var config = Hocon.Resolve("""
            a = 1
            b = 0
            a = 2
            """);

        Assert.Equal(2, config.GetInt("a"));
        Assert.Equal(3, config.OriginOf("a").Line);
        Assert.Equal(["a", "b"], config.Root.Keys);
    }

    [Fact]
    public void A_later_scalar_replaces_an_object()
    {
        var config = Hocon.Resolve("""
            a { x = 1 }
            a = 5
            """);

        Assert.Equal(5, config.GetInt("a"));
        Assert.False(config.HasPath("a.x"));
    }

    [Fact]
    public void A_later_object_replaces_a_scalar_without_merging()
    {
        var config = Hocon.Resolve("""
            a = 5
            a { x = 1 }
            """);

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(["x"], config.GetConfig("a").Root.Keys);
    }

    [Fact]
    public void A_scalar_between_two_objects_stops_the_merge()
    {
        var config = Hocon.Resolve("""
            a { x = 1 }
            a = 5
            a { y = 2 }
            """);

        Assert.False(config.HasPath("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void A_null_between_two_objects_stops_the_merge()
    {
        var config = Hocon.Resolve("""
            a { x = 1 }
            a = null
            a { y = 2 }
            """);

        Assert.False(config.HasPathOrNull("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void Merging_is_recursive()
    {
        var config = Hocon.Resolve("""
            a.b.c = 1
            a { b { d = 2 } }
            a.e = 3
            a.b { c = 4 }
            """);

        Assert.Equal(4, config.GetInt("a.b.c"));
        Assert.Equal(2, config.GetInt("a.b.d"));
        Assert.Equal(3, config.GetInt("a.e"));
    }

    [Fact]
    public void Lists_are_replaced_not_merged()
    {
        var config = Hocon.Resolve("""
            a = [1, 2]
            a = [3]
            b { x = 1 }
            b = [1]
            """);

        Assert.Equal([3], config.GetIntList("a"));
        Assert.Equal([1], config.GetIntList("b"));
    }

    [Fact]
    public void A_later_null_replaces_a_value()
    {
        var config = Hocon.Resolve("""
            a = 1
            a = null
            """);

        Assert.True(config.IsNull("a"));
        Assert.Equal(2, config.OriginOf("a").Line);
    }

    [Fact]
    public void Keys_keep_the_order_of_their_first_occurrence()
    {
        var config = Hocon.Resolve("""
            b = 1
            a = 1
            b = 2
            c { y = 1 }
            c { x = 1 }
            """);

        Assert.Equal(["b", "a", "c"], config.Root.Keys);
        Assert.Equal(["c.y", "c.x"], config.Entries().Select(e => e.Key).Skip(2));
    }

    [Fact]
    public void Every_way_of_splitting_an_object_gives_the_same_tree() =>
        Hocon.AssertEquivalent(
            "a { x = 1, y = 2 }",
            "a { x = 1 }\na { y = 2 }",
            "a.x = 1\na.y = 2",
            "a = { x = 1 } { y = 2 }",
            "a { x = 1 }\na.y = 2",
            "a { x = 0 }\na { x = 1, y = 2 }",
            "a = 7\na { x = 1, y = 2 }");
}
