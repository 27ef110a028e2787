namespace ShampooActors.Testing;

/// <summary>Delays looked up by (block, version), with one delay for every computation the table does not name.</summary>
internal sealed class DelayTable : DelayModel
{
    private readonly Dictionary<(int Block, long Version), TimeSpan> _entries = [];
    private readonly TimeSpan _fallback;

    public DelayTable(TimeSpan fallback, IEnumerable<(int Block, long Version, TimeSpan Delay)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _fallback = CheckDelay(fallback, nameof(fallback));
        foreach (var (block, version, delay) in entries)
        {
            if (!_entries.TryAdd((block, version), CheckDelay(delay, nameof(entries))))
                throw new ArgumentException($"the table names block {block} version {version} twice", nameof(entries));
        }
    }

    public override TimeSpan DelayOf(int block, long version) => _entries.GetValueOrDefault((block, version), _fallback);

    public override string ToString() => $"table of {_entries.Count} delays, otherwise {_fallback}";
}
