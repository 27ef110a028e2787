using System.Buffers.Binary;
using System.IO.Compression;

namespace ShampooActors.Math.Data;

/// <summary>Reads gzip-compressed IDX files of unsigned bytes (the MNIST family's format) in one streaming pass.</summary>
/// <remarks>IDX: two zero bytes, a type code, the number of dimensions, each dimension as a big-endian int32, then the data.</remarks>
public static class IdxReader
{
    /// <summary>The IDX type code for unsigned bytes, the only type the MNIST family uses.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>Reads the file at <paramref name="path"/>; every failure is a <see cref="DatasetException"/> naming the file.</summary>
    public static IdxFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = Open(path);
        try
        {
            RequireGzip(path, file);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var dims = ReadHeader(path, gzip);
            return new IdxFile(path, dims, ReadData(path, gzip, dims));
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException(path, $"corrupt gzip data ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new DatasetException(path, $"read failed ({e.Message})", e);
        }
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DatasetException(path, $"cannot be opened ({e.Message})", e);
        }
    }

    private static void RequireGzip(string path, FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (read == 0)
            throw new DatasetException(path, "not a gzip file (it is empty)");
        if (read < 2 || magic[0] != 0x1F || magic[1] != 0x8B)
            throw new DatasetException(path, $"not a gzip file (starts with 0x{Convert.ToHexString(magic[..read])}, gzip starts with 0x1F8B)");
        file.Position = 0;
    }

    private static int[] ReadHeader(string path, Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        ReadExactly(path, stream, head, 0, head.Length, "header");
        if (head[0] != 0 || head[1] != 0)
            throw new DatasetException(path, $"bad magic 0x{Convert.ToHexString(head)} (an IDX file starts with 0x0000, a type code and the number of dimensions)");
        if (head[2] != UnsignedByte)
            throw new DatasetException(path, $"bad type code 0x{head[2]:X2} (expected 0x{UnsignedByte:X2}, unsigned byte)");
        int rank = head[3];
        if (rank == 0)
            throw new DatasetException(path, "bad header: zero dimensions");

        Span<byte> dimBytes = stackalloc byte[4 * rank];
        ReadExactly(path, stream, dimBytes, head.Length, head.Length + dimBytes.Length, "header");
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(dimBytes[(4 * i)..]);
            if (dims[i] < 0)
                throw new DatasetException(path, $"bad header: dimension {i} is {dims[i]}");
        }
        return dims;
    }

    private static byte[] ReadData(string path, Stream stream, int[] dims)
    {
        long count = dims.Contains(0) ? 0 : 1;
        foreach (var d in dims)
        {
            count *= d;
            if (count > Array.MaxLength)
                throw new DatasetException(path, $"bad header: dims {Shapes.Format(dims)} declare more data than one array can hold");
        }

        var data = GC.AllocateUninitializedArray<byte>((int)count);
        ReadExactly(path, stream, data, 0, data.Length, "data");
        if (stream.ReadByte() != -1)
            throw new DatasetException(path, $"dims mismatch: header dims {Shapes.Format(dims)} declare {count} data bytes but more follow");
        return data;
    }

    /// <summary>Fills <paramref name="buffer"/>, the bytes [<paramref name="before"/>, <paramref name="total"/>) of a part of the file.</summary>
    private static void ReadExactly(string path, Stream stream, Span<byte> buffer, int before, int total, string part)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new DatasetException(path, $"truncated: {part} ends after {before + read} of {total} bytes");
    }
}
