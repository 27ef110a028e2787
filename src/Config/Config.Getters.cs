using ShampooActors.Configuration.Conversion;

namespace ShampooActors.Configuration;

/// <summary>The typed getters: each reads one value and converts it, naming the path and origin when it cannot.</summary>
public sealed partial class Config
{
    /// <summary>A string; numbers and booleans give their text.</summary>
    public string GetString(string path) => Read(path, Values.AsString);

    /// <summary>A whole number in the range of int (a string holding one is accepted).</summary>
    public int GetInt(string path) => Read(path, AsInt);

    /// <summary>A whole number in the range of long (a string holding one is accepted).</summary>
    public long GetLong(string path) => Read(path, AsLong);

    /// <summary>A finite number (a string holding one is accepted).</summary>
    public double GetDouble(string path) => Read(path, Values.AsDouble);

    /// <summary>true/yes/on or false/no/off.</summary>
    public bool GetBoolean(string path) => Read(path, Values.AsBoolean);

    /// <summary>A duration: a number with a unit (ns, us, ms, s, m, h, d and their long names), a bare number of milliseconds, or <c>infinite</c> (<see cref="Timeout.InfiniteTimeSpan"/>).</summary>
    public TimeSpan GetDuration(string path) => Read(path, Durations.Read);

    /// <summary>A size in bytes: a number with a unit (B, kB = 1000, KiB/K = 1024, MB, MiB, … up to TB/TiB) or a bare number of bytes.</summary>
    public long GetBytes(string path) => Read(path, ByteSizes.Read);

    /// <summary>A list whose elements are all strings (or numbers/booleans, as text).</summary>
    public IReadOnlyList<string> GetStringList(string path) => ReadList(path, Values.AsString);

    /// <summary>A list of ints.</summary>
    public IReadOnlyList<int> GetIntList(string path) => ReadList(path, AsInt);

    /// <summary>A list of longs.</summary>
    public IReadOnlyList<long> GetLongList(string path) => ReadList(path, AsLong);

    /// <summary>A list of numbers.</summary>
    public IReadOnlyList<double> GetDoubleList(string path) => ReadList(path, Values.AsDouble);

    /// <summary>A list of booleans.</summary>
    public IReadOnlyList<bool> GetBooleanList(string path) => ReadList(path, Values.AsBoolean);

    /// <summary>A list of durations.</summary>
    public IReadOnlyList<TimeSpan> GetDurationList(string path) => ReadList(path, Durations.Read);

    /// <summary>The object at <paramref name="path"/> as a configuration of its own (origins kept).</summary>
    public Config GetConfig(string path)
    {
        var obj = Read(path, (value, fail) => value as ConfigObject ?? throw fail(Values.WrongType(value, "object")));
        return FromResolved(obj, FullPath(path));
    }

    /// <summary>A list of objects, each as a configuration.</summary>
    public IReadOnlyList<Config> GetConfigList(string path)
    {
        var full = FullPath(path);
        var objects = ReadList(path, (value, fail) => value as ConfigObject ?? throw fail(Values.WrongType(value, "object")));
        return objects.Select((obj, i) => FromResolved(obj, $"{full}[{i}]")).ToList();
    }

    private static int AsInt(ConfigValue value, Fail fail) => (int)Values.AsWhole(value, fail, int.MinValue, int.MaxValue, "int");

    private static long AsLong(ConfigValue value, Fail fail) => Values.AsWhole(value, fail, long.MinValue, long.MaxValue, "long");

    private T Read<T>(string path, Func<ConfigValue, Fail, T> convert)
    {
        var value = GetValue(path);
        return convert(value, problem => new ConfigException(problem, value.Origin, FullPath(path)));
    }

    private IReadOnlyList<T> ReadList<T>(string path, Func<ConfigValue, Fail, T> convert)
    {
        var full = FullPath(path);
        var list = Read(path, (value, fail) => value as ConfigList ?? throw fail(Values.WrongType(value, "list")));
        return list.Select((item, i) => convert(item, problem => new ConfigException($"element {i} {problem}", item.Origin, full))).ToList();
    }
}
