using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Api;

/// <summary>HOCON.md "Path expressions" as the API sees them: <see cref="Config.SplitPath"/>, <see cref="Config.JoinPath"/> and the keys of <see cref="Config.Entries"/>.</summary>
public sealed class PathExpressionSpec
{
    [Theory]
    [InlineData("a", new[] { "a" })]
    [InlineData("a.b.c", new[] { "a", "b", "c" })]
    [InlineData("a.\"b.c\"", new[] { "a", "b.c" })]
    [InlineData("\"a b\".c", new[] { "a b", "c" })]
    [InlineData("a-b.c_d", new[] { "a-b", "c_d" })]
    [InlineData("\"\"", new[] { "" })]
    [InlineData("10.5", new[] { "10", "5" })]
    [InlineData("\"a\\\"b\"", new[] { "a\"b" })]
    [InlineData("\"/user/a/*\".router", new[] { "/user/a/*", "router" })]
    [InlineData("true.null", new[] { "true", "null" })]
    [InlineData("\"a\"\"b\".c", new[] { "ab", "c" })]
    public void SplitPath_splits_on_unquoted_dots(string path, string[] keys) =>
        Assert.Equal(keys, Config.SplitPath(path));

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("\"open")]
    [InlineData("a.${b}")]
    public void SplitPath_rejects_malformed_paths(string path) =>
        Assert.Throws<ConfigException>(() => Config.SplitPath(path));

    [Theory]
    [InlineData(new[] { "a", "b" }, "a.b")]
    [InlineData(new[] { "x" }, "x")]
    [InlineData(new[] { "a", "b.c" }, "a.\"b.c\"")]
    [InlineData(new[] { "akka", "actor", "default-dispatcher" }, "akka.actor.default-dispatcher")]
    public void JoinPath_quotes_only_keys_that_need_it(string[] keys, string expected) =>
        Assert.Equal(expected, Config.JoinPath(keys));

    [Theory]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("x.y")]
    [InlineData("$")]
    [InlineData("q\"uote")]
    [InlineData("#")]
    [InlineData("//")]
    [InlineData("/user/a/*")]
    [InlineData("true")]
    [InlineData("include")]
    [InlineData("back\\slash")]
    [InlineData("tab\there")]
    [InlineData("10.5")]
    public void JoinPath_and_SplitPath_round_trip_any_key(string key)
    {
        string[] keys = ["outer", key, "inner"];

        Assert.Equal(keys, Config.SplitPath(Config.JoinPath(keys)));
    }

    [Fact]
    public void Entries_list_leaves_by_quoted_full_path_in_document_order()
    {
        var config = Hocon.Resolve("""
            b = 1
            a { "x.y" = 2, z = [1, 2] }
            c = null
            a.w = 3
            e {}
            """);

        var entries = config.Entries();

        Assert.Equal(["b", "a.\"x.y\"", "a.z", "a.w", "c"], entries.Select(e => e.Key));
        Assert.Equal(
            [ConfigValueType.Number, ConfigValueType.Number, ConfigValueType.List, ConfigValueType.Number, ConfigValueType.Null],
            entries.Select(e => e.Value.Type));
    }

    [Fact]
    public void Every_entry_key_is_a_path_that_finds_its_value()
    {
        var config = Hocon.Resolve("""
            "a.b" { "c d" = 1, "" = 2 }
            "/user/x/*".router = rr
            plain.key = [1]
            "q\"k" = 3
            """);

        foreach (var (key, value) in config.Entries())
        {
            Assert.True(config.HasPathOrNull(key), key);
            Assert.Equal(Hocon.Show(value), Hocon.Show(config.GetValue(key)));
        }
        Assert.Equal(5, config.Entries().Count);
    }

    [Fact]
    public void Getter_paths_with_quoted_parts_match_written_keys()
    {
        var config = Hocon.Resolve("""
            "a.b".c = 1
            a.b.c = 2
            """);

        Assert.Equal(1, config.GetInt(Config.JoinPath(["a.b", "c"])));
        Assert.Equal(2, config.GetInt(Config.JoinPath(["a", "b", "c"])));
    }

    [Fact]
    public void A_malformed_getter_path_is_a_config_error()
    {
        var config = Hocon.Resolve("a.b = 1");

        Assert.Throws<ConfigException>(() => config.GetInt("a..b"));
        Assert.Throws<ConfigException>(() => config.HasPath(""));
    }
}
