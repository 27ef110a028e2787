using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Syntax;

/// <summary>HOCON.md "Types": JSON numbers, <c>true</c>/<c>false</c>, <c>null</c>; anything else unquoted is a string.</summary>
public sealed class NumbersBooleansAndNullSpec
{
    [Theory]
    [InlineData("42", ConfigValueType.Number, "42")]
    [InlineData("-7", ConfigValueType.Number, "-7")]
    [InlineData("0", ConfigValueType.Number, "0")]
    [InlineData("3.25", ConfigValueType.Number, "3.25")]
    [InlineData("1.50", ConfigValueType.Number, "1.50")]
    [InlineData("1e3", ConfigValueType.Number, "1e3")]
    [InlineData("true", ConfigValueType.Boolean, "true")]
    [InlineData("false", ConfigValueType.Boolean, "false")]
    [InlineData("null", ConfigValueType.Null, "null")]
    [InlineData("yes", ConfigValueType.String, "yes")]
    [InlineData("off", ConfigValueType.String, "off")]
    [InlineData("\"1\"", ConfigValueType.String, "1")]
    [InlineData("nulls", ConfigValueType.String, "nulls")]
    public void Literals_have_their_json_type_and_keep_their_text(string value, ConfigValueType type, string text)
    {
        var config = Hocon.Resolve($"x = 0\nv = {value} # comment");

        var scalar = Hocon.Scalar(config, "v");
        Assert.Equal(type, scalar.Type);
        Assert.Equal(text, scalar.Text);
    }

    [Fact]
    public void Numbers_read_exactly_through_the_typed_getters()
    {
        var config = Hocon.Resolve("""
            i = 42
            l = 9007199254740993
            d = -0.5
            e = 2.5e-3
            big = 1E6
            """);

        Assert.Equal(42, config.GetInt("i"));
        Assert.Equal(9007199254740993L, config.GetLong("l"));
        Assert.Equal(-0.5, config.GetDouble("d"));
        Assert.Equal(0.0025, config.GetDouble("e"), 15);
        Assert.Equal(1_000_000.0, config.GetDouble("big"));
    }

    [Fact]
    public void Numbers_and_booleans_read_as_their_text()
    {
        var config = Hocon.Resolve("""
            n = 42
            f = 2.5
            b = false
            """);

        Assert.Equal("42", config.GetString("n"));
        Assert.Equal("2.5", config.GetString("f"));
        Assert.Equal("false", config.GetString("b"));
    }

    [Fact]
    public void Booleans_read_as_bool()
    {
        var config = Hocon.Resolve("""
            t = true
            f = false
            """);

        Assert.True(config.GetBoolean("t"));
        Assert.False(config.GetBoolean("f"));
    }

    [Fact]
    public void Null_is_a_value_that_HasPath_does_not_count()
    {
        var config = Hocon.Resolve("""
            a = null
            b = 1
            """);

        Assert.False(config.HasPath("a"));
        Assert.True(config.HasPathOrNull("a"));
        Assert.True(config.IsNull("a"));
        Assert.False(config.IsNull("b"));
        Assert.Equal(ConfigValueType.Null, config.GetValue("a").Type);
        Assert.False(config.HasPathOrNull("c"));
        Hocon.AssertMissing("c", () => config.IsNull("c"));
    }

    [Fact]
    public void Null_inside_lists_is_kept_as_an_element()
    {
        var config = Hocon.Resolve("l = [1, null, 2]");

        var list = Hocon.List(config, "l");
        Assert.Equal(3, list.Count);
        Assert.Equal(ConfigValueType.Null, list[1].Type);
    }
}
