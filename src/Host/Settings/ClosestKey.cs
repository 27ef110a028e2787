namespace ShampooActors.Host.Settings;

/// <summary>The known key a mistyped one most likely meant, by edit distance (ties: the first known key).</summary>
internal static class ClosestKey
{
    /// <summary>The entry of <paramref name="known"/> closest to <paramref name="key"/>, or null when there is none.</summary>
    public static string? To(string key, IEnumerable<string> known) =>
        known.Select(k => (Key: k, Distance: Distance(key, k))).OrderBy(c => c.Distance).Select(c => c.Key).FirstOrDefault();

    /// <summary>The Levenshtein distance (insertions, deletions, substitutions) between two strings.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = System.Math.Min(substitute, System.Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
