using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Api;

/// <summary>Origins: every value knows its source and 1-based line; every error message is one line that starts with "source:line: ".</summary>
public sealed class OriginsSpec
{
    [Fact]
    public void Values_know_their_source_and_line()
    {
        var config = Config.Parse("""
            a {
              b = 1
            }

            l = [
              x
            ]
            """, "app.conf").Resolve(Hocon.NoEnv);

        Assert.Equal(new ConfigOrigin("app.conf", 1), config.OriginOf("a"));
        Assert.Equal(new ConfigOrigin("app.conf", 2), config.OriginOf("a.b"));
        Assert.Equal(new ConfigOrigin("app.conf", 5), config.OriginOf("l"));
        Assert.Equal(config.OriginOf("a.b"), config.GetValue("a.b").Origin);
    }

    [Fact]
    public void List_elements_know_their_own_lines()
    {
        var config = Hocon.Resolve("""
            l = [
              x,
              y
            ]
            """);

        var list = Hocon.List(config, "l");
        Assert.Equal(2, list[0].Origin.Line);
        Assert.Equal(3, list[1].Origin.Line);
    }

    [Fact]
    public void A_merged_object_takes_the_origin_of_its_first_part()
    {
        var config = Hocon.Resolve("""
            a { x = 1 }
            b = 0
            a { y = 2 }
            """);

        Assert.Equal(1, config.OriginOf("a").Line);
        Assert.Equal(3, config.OriginOf("a.y").Line);
    }

    [Fact]
    public void Lines_count_through_comments_blank_lines_and_multi_line_strings()
    {
        var config = Hocon.Resolve(""""
            # comment

            a = """x
            y"""
            // comment
            b = 1
            """");

        Assert.Equal(3, config.OriginOf("a").Line);
        Assert.Equal(6, config.OriginOf("b").Line);
    }

    [Fact]
    public void Windows_line_endings_count_as_one_line_each()
    {
        var config = Hocon.Resolve("a = 1\r\nb = 2\r\n\r\nc = 3");

        Assert.Equal(2, config.OriginOf("b").Line);
        Assert.Equal(4, config.OriginOf("c").Line);
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Parse_errors_with_windows_line_endings_point_at_the_right_line() =>
        Hocon.AssertFailsAt(3, "a = 1\r\nb = 2\r\nc = [,]\r\n");

    [Fact]
    public void A_parse_error_message_is_one_line_starting_with_the_origin()
    {
        var error = Assert.Throws<ConfigException>(() => Config.Parse("a = 1\nb = [", "job.conf"));

        Assert.Equal(new ConfigOrigin("job.conf", 2), error.Origin);
        Assert.StartsWith("job.conf:2: ", error.Message, StringComparison.Ordinal);
        Hocon.AssertOneLine(error);
    }

    [Fact]
    public void A_getter_error_message_is_source_line_path_problem()
    {
        var config = Config.Parse("x = 0\na {\n  b = text\n}", "job.conf").Resolve(Hocon.NoEnv);

        var error = Assert.Throws<ConfigException>(() => config.GetInt("a.b"));

        Assert.Equal(new ConfigOrigin("job.conf", 3), error.Origin);
        Assert.Equal("a.b", error.Path);
        Assert.Equal($"job.conf:3: a.b: {error.Problem}", error.Message);
        Hocon.AssertOneLine(error);
    }

    [Fact]
    public void ParseFile_names_the_path_as_given()
    {
        using var folder = new TempFolder();
        var path = folder.Write("app.conf", "x = 0\nname = svc");

        var config = Config.ParseFile(path).Resolve(Hocon.NoEnv);

        Assert.Equal(new ConfigOrigin(path, 2), config.OriginOf("name"));
    }

    [Fact]
    public void A_parse_error_in_a_file_names_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("broken.conf", "x = 0\ny = 1\nz = }");

        var error = Assert.Throws<ConfigException>(() => Config.ParseFile(path));

        Hocon.AssertLocated(error, path, 3);
    }

    [Fact]
    public void A_missing_file_is_a_config_error()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<ConfigException>(() => Config.ParseFile(folder.PathOf("absent.conf")));

        Assert.Contains("absent.conf", error.Message, StringComparison.Ordinal);
        Hocon.AssertOneLine(error);
    }

    [Theory]
    [InlineData("f.conf", 3, "f.conf:3")]
    [InlineData("command line", 0, "command line")]
    public void An_origin_prints_as_source_colon_line(string source, int line, string expected) =>
        Assert.Equal(expected, new ConfigOrigin(source, line).ToString());

    [Theory]
    [InlineData(5, "a = 1\nb {\n  c = 2\n  d = [1,\n    2,,\n  ]\n}")]
    [InlineData(3, "a = 1\n\n\"\"\"x")]
    [InlineData(4, "a {\n  b {\n    c = 1\n    d = }\n  }\n}")]
    public void Errors_deep_inside_nested_blocks_point_at_their_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);
}
