using System.Buffers.Binary;
using System.IO.Compression;

namespace ShampooActors.Math.Tests.Data;

/// <summary>A fresh temporary directory, deleted with its contents on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("shampoo-data-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Builds IDX files byte by byte, independently of the reader under test.</summary>
internal static class IdxTestFiles
{
    public static byte[] Header(byte type, params int[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = type;
        header[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return header;
    }

    public static byte[] Gzip(params byte[][] parts)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest))
        {
            foreach (var part in parts)
                gzip.Write(part);
        }
        return memory.ToArray();
    }

    /// <summary>Writes a well-formed gzip IDX file of unsigned bytes.</summary>
    public static void WriteUbyte(string path, int[] dims, byte[] data) =>
        System.IO.File.WriteAllBytes(path, Gzip(Header(0x08, dims), data));

    public static byte[] Sequence(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 + 3)).ToArray();
}
