using System.Text.Json;

namespace ShampooActors.Host;

/// <summary>
/// The lines of a run's <c>metrics.jsonl</c> that a resumed run keeps: those up to the step it continues from, each step once
/// and in order, as the text written and as parsed. A line that does not parse (the torn last line of a killed run), or
/// whose step is not after the previous one's, is dropped.
/// </summary>
internal sealed record KeptMetrics(IReadOnlyList<string> Text, IReadOnlyList<MetricsLine> Lines)
{
    /// <summary>The kept lines of the file at <paramref name="path"/> (none when it is missing), up to step <paramref name="step"/>.</summary>
    public static KeptMetrics Read(string path, long step)
    {
        var text = new List<string>();
        var lines = new List<MetricsLine>();
        if (!File.Exists(path))
            return new KeptMetrics(text, lines);
        foreach (var raw in File.ReadLines(path))
        {
            if (Parse(raw) is not { } line || line.Step <= (lines.Count > 0 ? lines[^1].Step : 0))
                continue;
            if (line.Step > step)
                break;
            text.Add(raw);
            lines.Add(line);
        }
        return new KeptMetrics(text, lines);
    }

    private static MetricsLine? Parse(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        try
        {
            return JsonSerializer.Deserialize<MetricsLine>(raw, Json.Lines);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
