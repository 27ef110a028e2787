using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Syntax;

/// <summary>HOCON.md "Comments": <c>#</c> and <c>//</c> start a comment that runs to the end of the line, except inside quoted strings.</summary>
public sealed class CommentsSpec
{
    [Fact]
    public void Hash_and_double_slash_lines_are_ignored()
    {
        var config = Hocon.Resolve("""
            # leading comment
            a = 1
            // comment between fields
            b = 2
            # trailing comment
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(["a", "b"], config.Entries().Select(e => e.Key));
    }

    [Fact]
    public void A_comment_after_a_value_ends_it_without_keeping_the_whitespace_before_it()
    {
        var config = Hocon.Resolve("""
            a = foo bar   # note
            b = 42 // note
            c = true# tight
            """);

        Assert.Equal("foo bar", config.GetString("a"));
        var b = Hocon.Scalar(config, "b");
        Assert.Equal(ConfigValueType.Number, b.Type);
        Assert.Equal("42", b.Text);
        Assert.Equal(ConfigValueType.Boolean, config.GetValue("c").Type);
    }

    [Fact]
    public void Comment_markers_inside_quoted_strings_are_text()
    {
        var config = Hocon.Resolve("""
            a = "x # y"
            b = "http://host/path"
            "k#ey" = 1
            """);

        Assert.Equal("x # y", config.GetString("a"));
        Assert.Equal("http://host/path", config.GetString("b"));
        Assert.Equal(1, config.GetInt("\"k#ey\""));
    }

    [Fact]
    public void Double_slash_ends_an_unquoted_string()
    {
        var config = Hocon.Resolve("""
            a = foo//bar
            b = 2
            """);

        Assert.Equal("foo", config.GetString("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Comments_are_allowed_inside_objects_and_arrays()
    {
        var config = Hocon.Resolve("""
            a { # opens a
              # about x
              x = 1 // one
            } # closes a
            l = [
              1, # first
              // nothing here
              2
            ]
            """);

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal([1, 2], config.GetIntList("l"));
    }

    [Fact]
    public void A_document_of_only_comments_is_empty()
    {
        var config = Hocon.Resolve("""
            # nothing
            // at all

            """);

        Assert.Empty(config.Entries());
        Assert.False(config.HasPathOrNull("nothing"));
    }

    [Fact]
    public void Comment_markers_inside_triple_quoted_strings_are_text()
    {
        var config = Hocon.Resolve(""""
            a = """line # not a comment // nor this"""
            """");

        Assert.Equal("line # not a comment // nor this", config.GetString("a"));
    }

    [Fact]
    public void Trailing_comments_do_not_change_the_tree() =>
        Hocon.AssertEquivalent(
            "a = 1\nb = x",
            "a = 1 # one\nb = x // ex",
            "// header\na = 1\n# middle\nb = x\n# footer");

    [Theory]
    [InlineData(4, "# one\n// two\n# three\na = [1,,2]")]
    [InlineData(2, "a = 1 # } ] { are not syntax here\nb = }")]
    [InlineData(4, "l = [1, # ]\n  2\n]\nb = ]")]
    [InlineData(3, "a = \"# quoted\"\n// c\nb = [,]")]
    public void Errors_after_comments_point_at_the_right_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);

    [Fact]
    public void Block_comments_are_not_hocon()
    {
        // '/' is allowed in unquoted text but '*' is a reserved character
        Hocon.AssertFailsAt(2, "a = 1\nb = 2 /* not a comment */");
    }
}
