using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Getters;

/// <summary>
/// The project's strict getters: documented conversions (number/boolean → string, numeric string → number,
/// true/yes/on/false/no/off → bool), and a ConfigException that names the full path and the value's file:line otherwise.
/// </summary>
public sealed class TypedGettersSpec
{
    [Theory]
    [InlineData("42", "42")]
    [InlineData("2.5", "2.5")]
    [InlineData("true", "true")]
    [InlineData("hello", "hello")]
    [InlineData("\"x y\"", "x y")]
    public void GetString_reads_strings_numbers_and_booleans_as_text(string value, string expected) =>
        Assert.Equal(expected, Hocon.Resolve($"v = {value}").GetString("v"));

    [Theory]
    [InlineData("42", 42)]
    [InlineData("\"42\"", 42)]
    [InlineData("-3", -3)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void GetInt_reads_whole_numbers_and_numeric_strings(string value, int expected) =>
        Assert.Equal(expected, Hocon.Resolve($"v = {value}").GetInt("v"));

    [Theory]
    [InlineData("3000000000", 3_000_000_000L)]
    [InlineData("\"3000000000\"", 3_000_000_000L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("7", 7L)]
    public void GetLong_reads_whole_numbers_beyond_int(string value, long expected) =>
        Assert.Equal(expected, Hocon.Resolve($"v = {value}").GetLong("v"));

    [Theory]
    [InlineData("2.5", 2.5)]
    [InlineData("\"2.5\"", 2.5)]
    [InlineData("3", 3.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("-0.25", -0.25)]
    public void GetDouble_reads_numbers_and_numeric_strings(string value, double expected) =>
        Assert.Equal(expected, Hocon.Resolve($"v = {value}").GetDouble("v"));

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("\"true\"", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("\"off\"", false)]
    public void GetBoolean_reads_the_six_boolean_words(string value, bool expected) =>
        Assert.Equal(expected, Hocon.Resolve($"v = {value}").GetBoolean("v"));

    [Fact]
    public void List_getters_convert_each_element()
    {
        var config = Hocon.Resolve("""
            s = [a, 1, true]
            i = [1, "2", 3]
            l = [3000000000, 1]
            d = [1, 2.5]
            b = [true, off, yes]
            e = []
            """);

        Assert.Equal(["a", "1", "true"], config.GetStringList("s"));
        Assert.Equal([1, 2, 3], config.GetIntList("i"));
        Assert.Equal([3_000_000_000L, 1L], config.GetLongList("l"));
        Assert.Equal([1.0, 2.5], config.GetDoubleList("d"));
        Assert.Equal([true, false, true], config.GetBooleanList("b"));
        Assert.Empty(config.GetStringList("e"));
        Assert.Empty(config.GetIntList("e"));
    }

    [Fact]
    public void GetConfigList_gives_each_object_as_a_config()
    {
        var config = Hocon.Resolve("""
            servers = [
              { host = a, port = 1 }
              { host = b, port = 2 }
            ]
            """);

        var servers = config.GetConfigList("servers");
        Assert.Equal(["a", "b"], servers.Select(s => s.GetString("host")));
        Assert.Equal([1, 2], servers.Select(s => s.GetInt("port")));
    }

    [Fact]
    public void GetConfig_gives_a_sub_object_with_its_origins()
    {
        var config = Hocon.Resolve("""
            x = 0
            a.b {
              c = 1
              d = x
            }
            """);

        var sub = config.GetConfig("a.b");
        Assert.Equal(1, sub.GetInt("c"));
        Assert.Equal(["c", "d"], sub.Entries().Select(e => e.Key));
        Assert.Equal(4, sub.OriginOf("d").Line);
        Assert.Equal(Hocon.Source, sub.OriginOf("d").Source);
    }

    [Fact]
    public void GetValue_gives_the_value_with_type_and_origin()
    {
        var config = Hocon.Resolve("""
            x = 0
            o { k = v }
            l = [1]
            """);

        Assert.Equal(ConfigValueType.Object, config.GetValue("o").Type);
        Assert.Equal(ConfigValueType.List, config.GetValue("l").Type);
        Assert.Equal(new ConfigOrigin(Hocon.Source, 3), config.GetValue("l").Origin);
        Assert.Equal(config.OriginOf("o.k"), config.GetValue("o.k").Origin);
    }

    [Fact]
    public void A_missing_path_fails_naming_the_full_path()
    {
        var config = Hocon.Resolve("a.b.x = 1");

        Assert.False(config.HasPath("a.b.c"));
        Hocon.AssertMissing("a.b.c", () => config.GetString("a.b.c"));
        Hocon.AssertMissing("a.b.c", () => config.GetInt("a.b.c"));
        Hocon.AssertMissing("a.b.c", () => config.GetValue("a.b.c"));
        Hocon.AssertMissing("zz", () => config.GetConfig("zz"));
        Hocon.AssertMissing("a.b.c", () => config.OriginOf("a.b.c"));
    }

    [Fact]
    public void A_path_through_a_scalar_is_missing_with_the_full_path()
    {
        var config = Hocon.Resolve("a = 1");

        Assert.False(config.HasPath("a.b"));
        Hocon.AssertMissing("a.b", () => config.GetInt("a.b"));
    }

    [Fact]
    public void Errors_from_a_sub_config_name_the_full_path()
    {
        var config = Hocon.Resolve("""
            x = 0
            a.b {
              c = 1
              d = text
            }
            """);
        var sub = config.GetConfig("a.b");

        Hocon.AssertMissing("a.b.missing", () => sub.GetInt("missing"));
        Hocon.AssertGetterFailsAt(4, "a.b.d", () => sub.GetInt("d"));
        Hocon.AssertMissing("a.b.nope.deeper", () => sub.GetConfig("nope.deeper"));
    }

    [Fact]
    public void Getters_on_an_unresolved_config_fail()
    {
        var parsed = Config.Parse("a = 1\nb = ${a}", Hocon.Source);

        Assert.Throws<ConfigException>(() => parsed.GetInt("a"));
        Assert.Throws<ConfigException>(() => parsed.GetInt("b"));
        Assert.Throws<ConfigException>(() => parsed.Entries());
    }

    [Theory]
    [InlineData(2, "v", "x = 0\nv = 1.5")]
    [InlineData(3, "v", "x = 0\ny = 0\nv = 3000000000")]
    [InlineData(2, "v", "x = 0\nv = -2147483649")]
    [InlineData(2, "v", "x = 0\nv = abc")]
    [InlineData(2, "v", "x = 0\nv = \"12 monkeys\"")]
    [InlineData(2, "v", "x = 0\nv = true")]
    [InlineData(2, "v", "x = 0\nv = [1]")]
    [InlineData(2, "v", "x = 0\nv = null")]
    [InlineData(3, "o.p.v", "o {\n  p {\n    v = 2.000001\n  }\n}")]
    public void GetInt_rejects_what_is_not_an_int(int line, string path, string text)
    {
        var config = Hocon.Resolve(text);

        Hocon.AssertGetterFailsAt(line, path, () => config.GetInt(path));
    }

    [Theory]
    [InlineData(2, "v", "x = 0\nv = 1e30")]
    [InlineData(2, "v", "x = 0\nv = 0.5")]
    [InlineData(2, "v", "x = 0\nv = lots")]
    public void GetLong_rejects_what_is_not_a_long(int line, string path, string text)
    {
        var config = Hocon.Resolve(text);

        Hocon.AssertGetterFailsAt(line, path, () => config.GetLong(path));
    }

    [Theory]
    [InlineData(2, "v", "x = 0\nv = abc")]
    [InlineData(2, "v", "x = 0\nv = false")]
    [InlineData(2, "v", "x = 0\nv { a = 1 }")]
    public void GetDouble_rejects_what_is_not_a_number(int line, string path, string text)
    {
        var config = Hocon.Resolve(text);

        Hocon.AssertGetterFailsAt(line, path, () => config.GetDouble(path));
    }

    [Theory]
    [InlineData(2, "v", "x = 0\nv = maybe")]
    [InlineData(2, "v", "x = 0\nv = 1")]
    [InlineData(2, "v", "x = 0\nv = \"True \"")]
    [InlineData(2, "v", "x = 0\nv = [true]")]
    public void GetBoolean_rejects_what_is_not_a_boolean_word(int line, string path, string text)
    {
        var config = Hocon.Resolve(text);

        Hocon.AssertGetterFailsAt(line, path, () => config.GetBoolean(path));
    }

    [Theory]
    [InlineData(2, "v", "x = 0\nv { a = 1 }")]
    [InlineData(3, "v", "x = 0\ny = 0\nv = [a, b]")]
    [InlineData(2, "v", "x = 0\nv = null")]
    public void GetString_rejects_objects_lists_and_null(int line, string path, string text)
    {
        var config = Hocon.Resolve(text);

        Hocon.AssertGetterFailsAt(line, path, () => config.GetString(path));
    }

    [Fact]
    public void GetConfig_and_list_getters_reject_the_wrong_kind()
    {
        var config = Hocon.Resolve("""
            x = 0
            scalar = 5
            strings = [a, b]
            obj { a = 1 }
            """);

        Hocon.AssertGetterFailsAt(2, "scalar", () => config.GetConfig("scalar"));
        Hocon.AssertGetterFailsAt(3, "strings", () => config.GetConfigList("strings"));
        Hocon.AssertGetterFailsAt(4, "obj", () => config.GetStringList("obj"));
        Hocon.AssertGetterFailsAt(2, "scalar", () => config.GetIntList("scalar"));
    }

    [Fact]
    public void A_bad_list_element_fails_at_the_element_line()
    {
        var config = Hocon.Resolve("""
            x = 0
            y = 0
            l = [1, 2, x]
            """);

        var error = Assert.Throws<ConfigException>(() => config.GetIntList("l"));

        Hocon.AssertLocated(error, Hocon.Source, 3);
        Assert.NotNull(error.Path);
        Assert.StartsWith("l", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_field_of_a_config_list_element_fails_at_its_line()
    {
        var config = Hocon.Resolve("""
            servers = [
              { port = 1 }
              { port = many }
            ]
            """);

        var error = Assert.Throws<ConfigException>(() => config.GetConfigList("servers")[1].GetInt("port"));

        Hocon.AssertLocated(error, Hocon.Source, 3);
        Assert.NotNull(error.Path);
        Assert.EndsWith("port", error.Path, StringComparison.Ordinal);
    }
}
