namespace ShampooActors.Configuration;

/// <summary>
/// An immutable HOCON configuration. <see cref="Parse"/> and <see cref="ParseFile"/> give an unresolved tree;
/// layer with <see cref="WithFallback"/>, then <see cref="Resolve"/> once; the getters need a resolved config and are strict:
/// a missing path or a value of the wrong type throws a <see cref="ConfigException"/> naming the full path and file:line.
/// Paths are HOCON path expressions (<c>a.b."c.d"</c>).
/// </summary>
public sealed class Config
{
    /// <summary>The empty configuration (resolved).</summary>
    public static Config Empty => throw new NotImplementedException();

    /// <summary>Parses HOCON <paramref name="text"/>; origins name <paramref name="source"/>. Includes are relative to the working folder.</summary>
    public static Config Parse(string text, string source = "string") => throw new NotImplementedException();

    /// <summary>Parses the file at <paramref name="path"/>; its includes are relative to its folder; origins name the path as given.</summary>
    public static Config ParseFile(string path) => throw new NotImplementedException();

    /// <summary>A configuration holding one setting: <paramref name="path"/> = the HOCON value <paramref name="value"/>, every origin named <paramref name="source"/> (no line).</summary>
    public static Config ParseSetting(string path, string value, string source) => throw new NotImplementedException();

    /// <summary>This configuration over <paramref name="fallback"/>: objects merge, this side wins on everything else.</summary>
    public Config WithFallback(Config fallback) => throw new NotImplementedException();

    /// <summary>Resolves every substitution against the whole tree (then the environment); cycles and missing required paths throw.</summary>
    public Config Resolve(ConfigResolveOptions? options = null) => throw new NotImplementedException();

    /// <summary>Whether every substitution has been resolved.</summary>
    public bool IsResolved => throw new NotImplementedException();

    /// <summary>The root object (resolved configurations only).</summary>
    public ConfigObject Root => throw new NotImplementedException();

    /// <summary>Whether <paramref name="path"/> holds a value other than null.</summary>
    public bool HasPath(string path) => throw new NotImplementedException();

    /// <summary>Whether <paramref name="path"/> holds a value, null included.</summary>
    public bool HasPathOrNull(string path) => throw new NotImplementedException();

    /// <summary>Whether <paramref name="path"/> holds null (throws when the path is missing).</summary>
    public bool IsNull(string path) => throw new NotImplementedException();

    /// <summary>The value at <paramref name="path"/>.</summary>
    public ConfigValue GetValue(string path) => throw new NotImplementedException();

    /// <summary>Where the value at <paramref name="path"/> was written.</summary>
    public ConfigOrigin OriginOf(string path) => throw new NotImplementedException();

    /// <summary>A string; numbers and booleans give their text.</summary>
    public string GetString(string path) => throw new NotImplementedException();

    /// <summary>A whole number in the range of int (a string holding one is accepted).</summary>
    public int GetInt(string path) => throw new NotImplementedException();

    /// <summary>A whole number in the range of long (a string holding one is accepted).</summary>
    public long GetLong(string path) => throw new NotImplementedException();

    /// <summary>A finite number (a string holding one is accepted).</summary>
    public double GetDouble(string path) => throw new NotImplementedException();

    /// <summary>true/yes/on or false/no/off.</summary>
    public bool GetBoolean(string path) => throw new NotImplementedException();

    /// <summary>A duration: a number with a unit (ns, us, ms, s, m, h, d and their long names), a bare number of milliseconds, or <c>infinite</c> (<see cref="Timeout.InfiniteTimeSpan"/>).</summary>
    public TimeSpan GetDuration(string path) => throw new NotImplementedException();

    /// <summary>A size in bytes: a number with a unit (B, kB = 1000, KiB/K = 1024, MB, MiB, … up to TB/TiB) or a bare number of bytes.</summary>
    public long GetBytes(string path) => throw new NotImplementedException();

    /// <summary>A list whose elements are all strings (or numbers/booleans, as text).</summary>
    public IReadOnlyList<string> GetStringList(string path) => throw new NotImplementedException();

    /// <summary>A list of ints.</summary>
    public IReadOnlyList<int> GetIntList(string path) => throw new NotImplementedException();

    /// <summary>A list of longs.</summary>
    public IReadOnlyList<long> GetLongList(string path) => throw new NotImplementedException();

    /// <summary>A list of numbers.</summary>
    public IReadOnlyList<double> GetDoubleList(string path) => throw new NotImplementedException();

    /// <summary>A list of booleans.</summary>
    public IReadOnlyList<bool> GetBooleanList(string path) => throw new NotImplementedException();

    /// <summary>A list of durations.</summary>
    public IReadOnlyList<TimeSpan> GetDurationList(string path) => throw new NotImplementedException();

    /// <summary>The object at <paramref name="path"/> as a configuration of its own (origins kept).</summary>
    public Config GetConfig(string path) => throw new NotImplementedException();

    /// <summary>A list of objects, each as a configuration.</summary>
    public IReadOnlyList<Config> GetConfigList(string path) => throw new NotImplementedException();

    /// <summary>Every leaf (any value that is not an object; lists and nulls are leaves) by full path, in document order; keys that need it are quoted.</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigValue>> Entries() => throw new NotImplementedException();

    /// <summary>The configuration as HOCON text; with <paramref name="origins"/>, each value is preceded by a <c># file:line</c> comment.</summary>
    public string Render(bool origins = true) => throw new NotImplementedException();

    /// <summary>Splits a path expression into its keys (<c>a."b.c"</c> → a, b.c); a malformed path throws.</summary>
    public static IReadOnlyList<string> SplitPath(string path) => throw new NotImplementedException();

    /// <summary>Joins keys into a path expression, quoting keys that need it.</summary>
    public static string JoinPath(IEnumerable<string> keys) => throw new NotImplementedException();
}
