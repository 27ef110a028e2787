using System.Text.Json;

namespace ShampooActors.Host.Reports;

/// <summary>One preconditioner host of the <c>cluster</c> object: whether it was alive at the end and the roots it computed; either may be unknown.</summary>
internal sealed record ClusterHost(string Host, bool? Alive, long? Computed);

/// <summary>One block's round trips (snapshot sent → root adopted) in milliseconds; any figure may be unknown.</summary>
internal sealed record ClusterRoundTrip(long Block, long? Count, double? P10, double? Median, double? P90);

/// <summary>
/// The <c>cluster</c> object of a summary, for a run that got its roots from preconditioner hosts. Fields that are missing or
/// malformed are null (entries of a list are left out) and named by <see cref="Read"/>, never thrown.
/// </summary>
internal sealed record ClusterSummary(
    IReadOnlyList<ClusterHost> Hosts,
    IReadOnlyList<ClusterRoundTrip> RoundTrips,
    long? Sent,
    long? Invalid,
    long? Fenced,
    IReadOnlyList<KeyValuePair<string, long>>? DeadLetters,
    long? Fallbacks,
    bool? Local)
{
    public const string FieldName = "cluster";

    /// <summary>Hosts alive at the end of the run.</summary>
    public int HostsAlive => Hosts.Count(h => h.Alive == true);

    /// <summary>Roots computed by all the hosts together, or null when no host says.</summary>
    public long? RootsFromHosts => Hosts.Any(h => h.Computed is not null) ? Hosts.Sum(h => h.Computed ?? 0) : null;

    /// <summary>Dead letters of every reason, or null when unknown.</summary>
    public long? DeadLetterCount => DeadLetters?.Sum(d => d.Value);

    /// <summary>The median of the blocks' median round trips (the summary keeps no overall median), or null without any.</summary>
    public double? MedianRoundTripMs => Median(RoundTrips.Where(r => r.Count is not 0).Select(r => r.Median));

    /// <summary>The largest p90 round trip of any block, or null without any.</summary>
    public double? WorstP90RoundTripMs => RoundTrips.Select(r => r.P90).Where(p => p is { } v && double.IsFinite(v)).Max();

    /// <summary>
    /// The cluster object of <paramref name="summary"/>: null without one, and with the paths of the fields it had to leave
    /// out (<c>hosts[1].alive</c>, <c>sent</c>), or a note when the field is there but not an object.
    /// </summary>
    public static (ClusterSummary? Cluster, IReadOnlyList<string> Malformed, string? Problem) Read(JsonElement summary)
    {
        if (!summary.TryGetProperty(FieldName, out var o) || o.ValueKind == JsonValueKind.Null)
            return (null, [], null);
        if (o.ValueKind != JsonValueKind.Object)
            return (null, [], $"the {FieldName} field of {SummaryFile.FileName} is not an object: its figures are left out.");
        var malformed = new List<string>();
        var cluster = new ClusterSummary(
            List(o, "hosts", malformed, Host),
            List(o, "round_trips", malformed, RoundTrip),
            Count(o, "sent", malformed),
            Count(o, "invalid", malformed),
            Count(o, "fenced", malformed),
            DeadLettersOf(o, malformed),
            Count(o, "fallbacks", malformed),
            Required(o, "local", malformed, JsonFields.Flag));
        return (cluster, malformed, null);
    }

    private static ClusterHost? Host(JsonElement e, string path, List<string> malformed) =>
        Required(e, "host", path, malformed, JsonFields.Text) is { } name
            ? new ClusterHost(name, Required(e, "alive", path, malformed, JsonFields.Flag), Required(e, "computed", path, malformed, JsonFields.Integer))
            : null;

    private static ClusterRoundTrip? RoundTrip(JsonElement e, string path, List<string> malformed) =>
        Required(e, "block", path, malformed, JsonFields.Integer) is { } block
            ? new ClusterRoundTrip(block, Required(e, "count", path, malformed, JsonFields.Integer),
                Required(e, "p10", path, malformed, JsonFields.Number), Required(e, "median", path, malformed, JsonFields.Number),
                Required(e, "p90", path, malformed, JsonFields.Number))
            : null;

    /// <summary>The entries of the array <paramref name="name"/> that <paramref name="entry"/> can read; the rest are named in <paramref name="malformed"/>.</summary>
    private static IReadOnlyList<T> List<T>(JsonElement o, string name, List<string> malformed, Func<JsonElement, string, List<string>, T?> entry)
        where T : class
    {
        if (!o.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            malformed.Add(name);
            return [];
        }
        var entries = new List<T>();
        var index = 0;
        foreach (var e in array.EnumerateArray())
        {
            var path = $"{name}[{index++}]";
            if (e.ValueKind != JsonValueKind.Object)
                malformed.Add(path);
            else if (entry(e, path, malformed) is { } read)
                entries.Add(read);
        }
        return entries;
    }

    private static IReadOnlyList<KeyValuePair<string, long>>? DeadLettersOf(JsonElement o, List<string> malformed)
    {
        if (!o.TryGetProperty("dead_letters", out var reasons) || reasons.ValueKind != JsonValueKind.Object)
        {
            malformed.Add("dead_letters");
            return null;
        }
        var counts = new List<KeyValuePair<string, long>>();
        foreach (var reason in reasons.EnumerateObject())
        {
            if (reason.Value.ValueKind == JsonValueKind.Number && reason.Value.TryGetInt64(out var count))
                counts.Add(KeyValuePair.Create(reason.Name, count));
            else
                malformed.Add($"dead_letters.{reason.Name}");
        }
        return counts;
    }

    private static long? Count(JsonElement o, string name, List<string> malformed) => Required(o, name, malformed, JsonFields.Integer);

    private static T? Required<T>(JsonElement o, string name, List<string> malformed, Func<JsonElement, string, T?> read) where T : struct =>
        Required(o, name, null, malformed, read);

    private static T? Required<T>(JsonElement o, string name, string? path, List<string> malformed, Func<JsonElement, string, T?> read) where T : struct
    {
        var value = read(o, name);
        if (value is null)
            malformed.Add(path is null ? name : $"{path}.{name}");
        return value;
    }

    private static string? Required(JsonElement o, string name, string path, List<string> malformed, Func<JsonElement, string, string?> read)
    {
        var value = read(o, name);
        if (value is null)
            malformed.Add($"{path}.{name}");
        return value;
    }

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).Order().ToList();
        if (sorted.Count == 0)
            return null;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
