using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Syntax;

/// <summary>HOCON.md "Paths as keys", "Path expressions": dotted keys create nested objects; quoted parts are single keys even with dots.</summary>
public sealed class PathsAndQuotedKeysSpec
{
    [Fact]
    public void Dotted_keys_create_nested_objects()
    {
        var config = Hocon.Resolve("""
            x = 0
            a.b.c = 1
            """);

        Assert.Equal(ConfigValueType.Object, config.GetValue("a").Type);
        Assert.Equal(ConfigValueType.Object, config.GetValue("a.b").Type);
        Assert.Equal(1, config.GetConfig("a").GetConfig("b").GetInt("c"));
        Assert.Equal(["x", "a"], config.Root.Keys);
    }

    [Fact]
    public void A_quoted_key_with_dots_is_one_key()
    {
        var config = Hocon.Resolve("""
            "a.b" = 1
            a.b = 2
            """);

        Assert.Equal(1, config.GetInt("\"a.b\""));
        Assert.Equal(2, config.GetInt("a.b"));
        Assert.Equal(["a.b", "a"], config.Root.Keys);
    }

    [Fact]
    public void Quoted_and_unquoted_parts_mix_in_one_path()
    {
        var config = Hocon.Resolve("""
            a."b.c".d = 1
            """);

        Assert.Equal(1, config.GetInt("a.\"b.c\".d"));
        Assert.Equal(["b.c"], config.GetConfig("a").Root.Keys);
        Assert.False(config.HasPath("a.b"));
    }

    [Fact]
    public void Whitespace_between_words_of_an_unquoted_key_is_kept()
    {
        var config = Hocon.Resolve("""
            x = 0
            a b c = 1
            """);

        Assert.Equal(1, config.GetInt("\"a b c\""));
        Assert.Contains("a b c", config.Root.Keys);
    }

    [Fact]
    public void Keys_may_spell_booleans_null_and_numbers()
    {
        var config = Hocon.Resolve("""
            true = 1
            null = 2
            10 = 3
            """);

        Assert.Equal(1, config.GetInt("true"));
        Assert.Equal(2, config.GetInt("null"));
        Assert.Equal(3, config.GetInt("10"));
        Assert.Equal(["true", "null", "10"], config.Root.Keys);
    }

    [Fact]
    public void A_number_with_a_dot_as_key_is_two_path_elements()
    {
        var config = Hocon.Resolve("1.5 = x");

        Assert.Equal("x", config.GetString("1.5"));
        Assert.Equal("x", config.GetConfig("1").GetString("5"));
    }

    [Fact]
    public void Quoted_keys_may_be_empty_or_hold_escapes()
    {
        var config = Hocon.Resolve("""
            "" = 1
            "a\"b" = 2
            "tab\there" = 3
            """);

        Assert.True(config.Root.ContainsKey(""));
        Assert.Equal(1, config.GetInt("\"\""));
        Assert.Equal(2, config.GetInt("\"a\\\"b\""));
        Assert.True(config.Root.ContainsKey("a\"b"));
        Assert.True(config.Root.ContainsKey("tab\there"));
    }

    [Fact]
    public void Dashes_underscores_and_slashes_in_keys()
    {
        var config = Hocon.Resolve("""
            akka-actor_x.y-z = 1
            "/user/a/*" = 2
            """);

        Assert.Equal(1, config.GetInt("akka-actor_x.y-z"));
        Assert.Equal(2, config.GetInt("\"/user/a/*\""));
        Assert.True(config.Root.ContainsKey("/user/a/*"));
    }

    [Fact]
    public void Every_spelling_of_a_nested_key_gives_the_same_tree() =>
        Hocon.AssertEquivalent(
            "a.b = 1",
            "a { b = 1 }",
            "a : { b : 1 }",
            "{ a { b = 1 } }",
            "\"a\".b = 1",
            "a.\"b\" = 1",
            "\"a\" : { \"b\" : 1 }");

    [Fact]
    public void Dotted_keys_and_nested_blocks_combine_into_the_same_tree() =>
        Hocon.AssertEquivalent(
            "a.b.c = 1\na.b.d = 2",
            "a { b { c = 1, d = 2 } }",
            "a.b { c = 1 }\na.b.d = 2",
            "a { b.c = 1 }\na { b { d = 2 } }");

    [Theory]
    [InlineData(2, "x = 1\na..b = 1")]
    [InlineData(2, "x = 1\n.a = 1")]
    [InlineData(2, "x = 1\na. = 1")]
    [InlineData(2, "x = 1\na[0] = 1")]
    [InlineData(2, "x = 1\n${a} = 1")]
    [InlineData(2, "x = 1\n\"open = 1")]
    [InlineData(3, "x = 1\ny = 2\na$b = 1")]
    public void Malformed_keys_fail_at_their_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);
}
