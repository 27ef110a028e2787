using System.Text.Json;

namespace ShampooActors.Host;

/// <summary>
/// The folder of one training run: <c>config.conf</c> (at the start), <c>metrics.jsonl</c> (appended and flushed per log interval,
/// so an interrupted run keeps what it measured) and <c>summary.json</c> (written atomically at the end).
/// </summary>
internal sealed class RunDirectory : IDisposable
{
    private readonly StreamWriter _metrics;

    private RunDirectory(string path, bool append = false)
    {
        Path = path;
        _metrics = new StreamWriter(System.IO.Path.Combine(path, "metrics.jsonl"), append) { AutoFlush = true };
    }

    private static readonly string[] RunFiles = ["config.conf", "metrics.jsonl", "summary.json"];

    /// <summary>The run folder.</summary>
    public string Path { get; }

    /// <summary>Creates the run folder; refuses one that already holds a run so nothing saved is overwritten.</summary>
    public static RunDirectory Create(string path)
    {
        if (File.Exists(path))
            throw new UsageException($"--out {path} is a file, not a folder");
        if (RunFiles.Any(name => File.Exists(System.IO.Path.Combine(path, name))))
            throw new UsageException($"--out {path} already holds a run; choose another folder");
        try
        {
            Directory.CreateDirectory(path);
            return new RunDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create run folder {path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Opens the folder of a run to continue it: <c>metrics.jsonl</c> is rewritten to the <paramref name="kept"/> lines (through a
    /// temporary file, flushed to disk and renamed, so it is the old file or the new one) and new lines are appended to it.
    /// </summary>
    public static RunDirectory Resume(string path, IReadOnlyList<string> kept)
    {
        var target = System.IO.Path.Combine(path, "metrics.jsonl");
        var temp = target + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream))
            {
                foreach (var line in kept)
                    writer.WriteLine(line);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
            return new RunDirectory(path, append: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot rewrite {target}: {e.Message}", e);
        }
    }

    /// <summary>Appends one metrics line.</summary>
    public void AppendMetrics<T>(T line) => _metrics.WriteLine(JsonSerializer.Serialize(line, Json.Lines));

    /// <summary>Writes <c>summary.json</c>, whole or not at all.</summary>
    public void WriteSummary<T>(T summary) => WriteWhole("summary.json", JsonSerializer.Serialize(summary, Json.Indented) + "\n");

    /// <summary>Writes <c>config.conf</c>, the resolved job config the run was started with, whole or not at all.</summary>
    public void WriteConfig(string hocon) => WriteWhole("config.conf", hocon);

    /// <summary>Writes a file of the run through a temporary file and a rename, so it is whole or absent.</summary>
    private void WriteWhole(string name, string text)
    {
        var target = System.IO.Path.Combine(Path, name);
        var temp = target + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, target, overwrite: true);
    }

    /// <inheritdoc />
    public void Dispose() => _metrics.Dispose();
}
