using System.Globalization;

namespace ShampooActors.Host.Checkpoints;

/// <summary>
/// The checkpoints of one run in a folder (<c>step-00000500.ckpt</c>): each written to a temporary file, flushed to disk and
/// renamed, so a file under its final name is whole; only the newest <paramref name="keep"/> stay.
/// </summary>
internal sealed class CheckpointStore(string folder, int keep)
{
    /// <summary>The checkpoint files, oldest first.</summary>
    public IReadOnlyList<string> Files => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "step-*.ckpt").Order(StringComparer.Ordinal).ToArray()
        : [];

    /// <summary>Writes <paramref name="checkpoint"/> and removes the oldest beyond the number kept; returns its path.</summary>
    public string Save(Checkpoint checkpoint)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"step-{checkpoint.Step:D8}.ckpt"));
        var temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(CheckpointFile.Serialize(checkpoint));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // A partial file (a full disk) must not stay behind; the exception says what went wrong.
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
            throw;
        }
        var files = Files;
        foreach (var old in files.Take(System.Math.Max(0, files.Count - keep)))
            File.Delete(old);
        return path;
    }

    /// <summary>The checkpoint in the file at <paramref name="path"/>; a missing, truncated or corrupt file is a <see cref="CheckpointException"/>.</summary>
    public static Checkpoint Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"unreadable: {e.Message}", e);
        }
        return CheckpointFile.Deserialize(bytes, path);
    }

    /// <summary>The newest checkpoint that reads back intact, with its path and why each newer one was refused; null when none does.</summary>
    public (Checkpoint? Checkpoint, string? Path, IReadOnlyList<string> Refused) Latest()
    {
        var refused = new List<string>();
        foreach (var (path, checkpoint, error) in NewestFirst())
        {
            if (checkpoint is not null)
                return (checkpoint, path, refused);
            refused.Add(error!.Message);
        }
        return (null, null, refused);
    }

    /// <summary>Every checkpoint file, newest first, each read only when reached: its checkpoint, or why it cannot be read.</summary>
    public IEnumerable<(string Path, Checkpoint? Checkpoint, CheckpointException? Error)> NewestFirst()
    {
        foreach (var path in Files.Reverse())
            yield return TryRead(path);
    }

    private static (string Path, Checkpoint? Checkpoint, CheckpointException? Error) TryRead(string path)
    {
        try
        {
            return (path, Read(path), null);
        }
        catch (CheckpointException e)
        {
            return (path, null, e);
        }
    }
}
