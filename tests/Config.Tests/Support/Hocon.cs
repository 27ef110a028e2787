namespace ShampooActors.Configuration.Tests.Support;

/// <summary>
/// The shared vocabulary of the HOCON specs: parse-and-resolve with an injected environment (never the process's),
/// "this document fails at line N", "this getter fails at line N for path P", and "these spellings give the same tree".
/// </summary>
internal static class Hocon
{
    /// <summary>The source name every in-memory document is parsed under.</summary>
    public const string Source = "test.conf";

    /// <summary>Resolve options whose environment holds exactly <paramref name="variables"/>.</summary>
    public static ConfigResolveOptions Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new ConfigResolveOptions
        {
            UseEnvironment = true,
            Environment = name => map.TryGetValue(name, out var value) ? value : null,
        };
    }

    /// <summary>Resolve options with an empty environment.</summary>
    public static ConfigResolveOptions NoEnv => Env();

    /// <summary>Parses <paramref name="text"/> as <see cref="Source"/> (or <paramref name="source"/>) and resolves it.</summary>
    public static Config Resolve(string text, ConfigResolveOptions? options = null, string source = Source) =>
        Config.Parse(text, source).Resolve(options ?? NoEnv);

    /// <summary>Parsing and resolving <paramref name="text"/> must fail at <paramref name="line"/> of <see cref="Source"/>.</summary>
    public static ConfigException AssertFailsAt(int line, string text, string? contains = null, ConfigResolveOptions? options = null)
    {
        var error = Assert.Throws<ConfigException>(() => Resolve(text, options));
        return AssertLocated(error, Source, line, contains);
    }

    /// <summary>The error points at <paramref name="source"/>:<paramref name="line"/> and its message is one line that starts there.</summary>
    public static ConfigException AssertLocated(ConfigException error, string source, int line, string? contains = null)
    {
        Assert.NotNull(error.Origin);
        Assert.Equal(source, error.Origin.Source);
        Assert.Equal(line, error.Origin.Line);
        AssertOneLine(error);
        Assert.StartsWith($"{source}:{line}: ", error.Message, StringComparison.Ordinal);
        if (contains is not null)
            Assert.Contains(contains, error.Message, StringComparison.OrdinalIgnoreCase);
        return error;
    }

    /// <summary>The message is a single line with a problem text.</summary>
    public static void AssertOneLine(ConfigException error)
    {
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.Problem));
    }

    /// <summary>A getter that must fail for a value written at <paramref name="line"/>, naming the full <paramref name="path"/>.</summary>
    public static ConfigException AssertGetterFailsAt(int line, string path, Action getter, string source = Source)
    {
        var error = Assert.Throws<ConfigException>(getter);
        Assert.Equal(path, error.Path);
        AssertLocated(error, source, line);
        Assert.Contains($": {path}: ", error.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>A getter that must fail because <paramref name="path"/> is missing; the error names the full path.</summary>
    public static ConfigException AssertMissing(string path, Action getter)
    {
        var error = Assert.Throws<ConfigException>(getter);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        AssertOneLine(error);
        return error;
    }

    /// <summary>Every document resolves to the same tree: same leaves (path, type, text) in the same order and the same rendering.</summary>
    public static void AssertEquivalent(params string[] documents)
    {
        Assert.True(documents.Length >= 2, "an equivalence group needs two spellings at least");
        var first = Resolve(documents[0]);
        var expectedTree = Describe(first);
        var expectedText = first.Render(false);
        Assert.NotEmpty(first.Entries());
        for (var i = 1; i < documents.Length; i++)
        {
            var other = Resolve(documents[i]);
            Assert.Equal(expectedTree, Describe(other));
            Assert.Equal(expectedText, other.Render(false));
        }
    }

    /// <summary>The leaves of <paramref name="config"/> as "path = Type:text" lines, in order.</summary>
    public static string Describe(Config config) =>
        string.Join("\n", config.Entries().Select(e => $"{e.Key} = {Show(e.Value)}"));

    /// <summary>A structural description of a value (type and text of every scalar, nested).</summary>
    public static string Show(ConfigValue value) => value switch
    {
        ConfigScalar scalar => $"{scalar.Type}:{scalar.Text}",
        ConfigList list => "[" + string.Join(", ", list.Select(Show)) + "]",
        ConfigObject obj => "{" + string.Join(", ", obj.Select(kv => $"{kv.Key}: {Show(kv.Value)}")) + "}",
        _ => throw new InvalidOperationException($"unexpected value kind {value.GetType().Name}"),
    };

    /// <summary>The scalar at <paramref name="path"/> (fails the test when it is not one).</summary>
    public static ConfigScalar Scalar(Config config, string path) => Assert.IsType<ConfigScalar>(config.GetValue(path));

    /// <summary>The list at <paramref name="path"/> (fails the test when it is not one).</summary>
    public static ConfigList List(Config config, string path) => Assert.IsType<ConfigList>(config.GetValue(path));
}
