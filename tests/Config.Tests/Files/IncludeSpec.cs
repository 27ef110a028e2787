using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Files;

/// <summary>
/// HOCON.md "Includes", with the project's decisions: includes are relative to the including file's folder; a missing
/// file is an error for every form; a name that does not exist is tried with ".conf" appended; cycles are errors;
/// substitutions in an included file are relative to the include point. Each test gets its own temp folder.
/// </summary>
public sealed class IncludeSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Config Load(string main, ConfigResolveOptions? options = null) =>
        Config.ParseFile(_folder.Write("main.conf", main)).Resolve(options ?? Hocon.NoEnv);

    /// <summary>The error points at line <paramref name="line"/> of the file <paramref name="relativePath"/> of the temp folder.</summary>
    private void AssertInFile(ConfigException error, string relativePath, int line)
    {
        Assert.NotNull(error.Origin);
        Assert.Equal(_folder.PathOf(relativePath), Path.GetFullPath(error.Origin.Source));
        Assert.Equal(line, error.Origin.Line);
        Hocon.AssertOneLine(error);
        Assert.StartsWith($"{error.Origin.Source}:{line}: ", error.Message, StringComparison.Ordinal);
    }

    private ConfigException LoadFails(string main) =>
        Assert.Throws<ConfigException>(() => Load(main));

    [Fact]
    public void An_include_at_the_root_merges_at_the_include_point()
    {
        _folder.Write("b.conf", "a = 1\nb = 2");

        var config = Load("""
            a = 0
            include "b.conf"
            c = 3
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c"));
    }

    [Fact]
    public void Later_keys_of_the_including_file_override_included_ones()
    {
        _folder.Write("b.conf", "a = 1\nb = 2");

        var config = Load("""
            include "b.conf"
            a = 9
            """);

        Assert.Equal(9, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void An_include_inside_an_object_nests_the_included_keys()
    {
        _folder.Write("b.conf", "a = 1");

        var config = Load("""
            outer { include "b.conf" }
            x = 1
            """);

        Assert.Equal(1, config.GetInt("outer.a"));
        Assert.False(config.HasPath("a"));
    }

    [Fact]
    public void Included_objects_merge_with_the_surrounding_ones()
    {
        _folder.Write("b.conf", "a { y = 2, x = 0 }");

        var config = Load("""
            a { x = 1 }
            include "b.conf"
            a { z = 3 }
            """);

        Assert.Equal(0, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
        Assert.Equal(3, config.GetInt("a.z"));
    }

    [Fact]
    public void Includes_are_relative_to_the_including_file()
    {
        _folder.Write("sub/b.conf", "include \"c.conf\"\nb = 1");
        _folder.Write("sub/c.conf", "c = right");
        _folder.Write("c.conf", "c = wrong");

        var config = Load("include \"sub/b.conf\"");

        Assert.Equal(1, config.GetInt("b"));
        Assert.Equal("right", config.GetString("c"));
    }

    [Fact]
    public void A_name_without_extension_is_tried_with_conf_appended()
    {
        _folder.Write("b.conf", "a = 1");

        var config = Load("include \"b\"");

        Assert.Equal(1, config.GetInt("a"));
    }

    [Fact]
    public void A_name_that_exists_as_written_is_taken_as_written()
    {
        _folder.Write("b", "which = plain");
        _folder.Write("b.conf", "which = conf");

        var config = Load("include \"b\"");

        Assert.Equal("plain", config.GetString("which"));
    }

    [Theory]
    [InlineData("include \"b.conf\"")]
    [InlineData("include file(\"b.conf\")")]
    [InlineData("include required(\"b.conf\")")]
    [InlineData("include required(file(\"b.conf\"))")]
    [InlineData("include   file( \"b.conf\" )")]
    public void Every_include_form_reads_the_file(string include)
    {
        _folder.Write("b.conf", "a = 1\nl = [x]");

        var config = Load($"z = 0\n{include}\n");

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(["x"], config.GetStringList("l"));
        Assert.Equal(0, config.GetInt("z"));
    }

    [Fact]
    public void Substitutions_in_an_included_file_are_relative_to_the_include_point()
    {
        _folder.Write("b.conf", "x = 1\ny = ${x}\nz = ${x}-suffix");

        var config = Load("o { include \"b.conf\" }");

        Assert.Equal(1, config.GetInt("o.y"));
        Assert.Equal("1-suffix", config.GetString("o.z"));
        Assert.False(config.HasPath("x"));
    }

    [Fact]
    public void Plus_equals_in_an_included_file_extends_the_including_files_list()
    {
        _folder.Write("b.conf", "l += 2");

        var config = Load("l = [1]\ninclude \"b.conf\"\nl += 3");

        Assert.Equal([1, 2, 3], config.GetIntList("l"));
    }

    [Fact]
    public void Environment_overrides_in_an_included_file_apply()
    {
        _folder.Write("b.conf", "port = 1\nport = ${?PORT}");

        Assert.Equal(2, Load("include \"b.conf\"", Hocon.Env(("PORT", "2"))).GetInt("port"));
        Assert.Equal(1, Load("include \"b.conf\"").GetInt("port"));
    }

    [Fact]
    public void Included_values_keep_their_own_file_and_line()
    {
        var included = _folder.Write("b.conf", "# header\na = 1");
        var main = _folder.Write("main.conf", "x = 0\ninclude \"b.conf\"");

        var config = Config.ParseFile(main).Resolve(Hocon.NoEnv);

        Assert.Equal(included, Path.GetFullPath(config.OriginOf("a").Source));
        Assert.Equal(2, config.OriginOf("a").Line);
        Assert.Equal(new ConfigOrigin(main, 1), config.OriginOf("x"));
    }

    [Fact]
    public void Including_the_same_file_twice_is_not_a_cycle()
    {
        _folder.Write("b.conf", "a = 1");

        var config = Load("""
            x { include "b.conf" }
            y { include "b.conf" }
            """);

        Assert.Equal(1, config.GetInt("x.a"));
        Assert.Equal(1, config.GetInt("y.a"));
    }

    [Fact]
    public void A_quoted_include_is_an_ordinary_key()
    {
        var config = Load("\"include\" = 5");

        Assert.Equal(5, config.GetInt("\"include\""));
    }

    [Fact]
    public void Including_equals_writing_the_text_in_place()
    {
        _folder.Write("b.conf", "x = 1\ny { z = 2 }");

        var included = Load("a = 0\nn { include \"b.conf\" }\nw = 3");
        var inline = Hocon.Resolve("a = 0\nn { x = 1\ny { z = 2 } }\nw = 3");

        Assert.Equal(Hocon.Describe(inline), Hocon.Describe(included));
    }

    [Theory]
    [InlineData("include \"nope.conf\"")]
    [InlineData("include \"nope\"")]
    [InlineData("include file(\"nope.conf\")")]
    [InlineData("include required(\"nope.conf\")")]
    [InlineData("include required(file(\"nope.conf\"))")]
    public void A_missing_file_is_an_error_at_the_include_line(string include)
    {
        var error = LoadFails($"a = 1\n{include}\nb = 2");

        AssertInFile(error, "main.conf", 2);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_in_an_included_file_points_at_that_file()
    {
        _folder.Write("b.conf", "a = 1\n\ninclude \"nope.conf\"");

        AssertInFile(LoadFails("x = 1\ninclude \"b.conf\""), "b.conf", 3);
    }

    [Fact]
    public void A_syntax_error_in_an_included_file_points_at_that_file()
    {
        _folder.Write("sub/b.conf", "a = 1\nb = [,]");

        AssertInFile(LoadFails("x = 1\ninclude \"sub/b.conf\""), "sub/b.conf", 2);
    }

    [Fact]
    public void An_undefined_substitution_in_an_included_file_points_at_that_file()
    {
        _folder.Write("b.conf", "a = 1\nc = ${nope}");

        AssertInFile(LoadFails("o { include \"b.conf\" }"), "b.conf", 2);
    }

    [Fact]
    public void A_file_that_includes_itself_is_an_error()
    {
        _folder.Write("a.conf", "x = 1\ninclude \"a.conf\"");

        var error = Assert.Throws<ConfigException>(() => Config.ParseFile(_folder.PathOf("a.conf")).Resolve(Hocon.NoEnv));

        AssertInFile(error, "a.conf", 2);
    }

    [Fact]
    public void Files_that_include_each_other_are_an_error()
    {
        _folder.Write("a.conf", "include \"b.conf\"");
        _folder.Write("b.conf", "x = 1\ninclude \"a.conf\"");

        var error = Assert.Throws<ConfigException>(() => Config.ParseFile(_folder.PathOf("a.conf")).Resolve(Hocon.NoEnv));

        AssertInFile(error, "b.conf", 2);
    }

    [Theory]
    [InlineData("include 42")]
    [InlineData("include file(b.conf)")]
    [InlineData("include nothing(\"b.conf\")")]
    [InlineData("include")]
    [InlineData("include required(\"b.conf\"")]
    public void A_malformed_include_is_an_error_at_its_line(string include)
    {
        _folder.Write("b.conf", "a = 1");

        AssertInFile(LoadFails($"x = 1\n{include}"), "main.conf", 2);
    }

    [Fact]
    public void A_getter_error_on_an_included_value_points_at_the_included_file()
    {
        var included = _folder.Write("b.conf", "ok = 1\nt = fast");
        var config = Load("include \"b.conf\"");

        var error = Assert.Throws<ConfigException>(() => config.GetDuration("t"));

        Assert.Equal("t", error.Path);
        Assert.NotNull(error.Origin);
        Assert.Equal(included, Path.GetFullPath(error.Origin.Source));
        Assert.Equal(2, error.Origin.Line);
    }
}
