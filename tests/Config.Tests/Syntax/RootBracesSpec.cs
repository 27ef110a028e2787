using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Syntax;

/// <summary>HOCON.md "Omit root braces": a document that does not start with a brace is an object with implied braces; braces must balance.</summary>
public sealed class RootBracesSpec
{
    [Fact]
    public void Root_braces_are_optional() =>
        Hocon.AssertEquivalent(
            "a = 1\nb { c = 2 }",
            "{ a = 1, b { c = 2 } }",
            "# comment first\n{\n  a = 1\n  b.c = 2\n}\n# comment last",
            "\n\n  {a=1,b:{c:2}}  \n");

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n")]
    [InlineData("{}")]
    [InlineData("{ }\n")]
    [InlineData("# only a comment")]
    public void Empty_documents_give_an_empty_config(string text)
    {
        var config = Hocon.Resolve(text);

        Assert.Empty(config.Entries());
        Assert.Empty(config.Root);
    }

    [Fact]
    public void Braced_root_keeps_nested_blocks()
    {
        var config = Hocon.Resolve("""
            {
              server {
                host = localhost
                port = 8080
              }
            }
            """);

        Assert.Equal("localhost", config.GetString("server.host"));
        Assert.Equal(8080, config.GetInt("server.port"));
        Assert.Equal(["server"], config.Root.Keys);
    }

    [Fact]
    public void The_empty_config_is_resolved_and_empty()
    {
        Assert.True(Config.Empty.IsResolved);
        Assert.Empty(Config.Empty.Entries());
        Assert.False(Config.Empty.HasPathOrNull("a"));
    }

    [Theory]
    [InlineData(2, "{ a = 1 }\nb = 2")]
    [InlineData(2, "a = 1\n}")]
    [InlineData(4, "{\n  a = 1\n}\n}")]
    [InlineData(2, "x = 0\na { b = 1 }}")]
    [InlineData(2, "# comment\n[1, 2]")]
    [InlineData(2, "{\n  a = 1")]
    [InlineData(3, "a {\n  b = 1\n  c = [1, 2}\n}")]
    public void Unbalanced_or_non_object_roots_fail_at_their_line(int line, string text) =>
        Hocon.AssertFailsAt(line, text);
}
