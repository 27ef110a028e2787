using ShampooActors.Math.Data;
using static ShampooActors.Math.Tests.Data.IdxTestFiles;

namespace ShampooActors.Math.Tests.Data;

public sealed class IdxReaderSpec : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DatasetException Fails(string path, string problem) => DatasetAssert.Fails(() => IdxReader.Read(path), path, problem);

    [Fact]
    public void Reader_returns_the_dims_and_bytes_it_was_written_with()
    {
        var path = _dir.File("images.gz");
        var data = Sequence(2 * 3 * 4);
        WriteUbyte(path, [2, 3, 4], data);

        var file = IdxReader.Read(path);

        Assert.Equal([2, 3, 4], file.Dims);
        Assert.Equal(data, file.Data);
        Assert.Equal(2, file.Count);
        Assert.Equal(path, file.Path);
    }

    [Fact]
    public void Reader_reads_a_one_dimensional_file_with_big_endian_dims()
    {
        var path = _dir.File("labels.gz");
        var data = Sequence(70000);
        WriteUbyte(path, [70000], data);

        var file = IdxReader.Read(path);

        Assert.Equal([70000], file.Dims);
        Assert.Equal(data, file.Data);
    }

    [Fact]
    public void Missing_file_is_reported_as_not_found() => Fails(_dir.File("absent.gz"), "file not found");

    [Fact]
    public void Uncompressed_file_is_reported_as_not_gzip()
    {
        var path = _dir.File("plain");
        File.WriteAllBytes(path, [.. Header(0x08, 3), 1, 2, 3]);
        Fails(path, "not a gzip file (starts with 0x0000");
    }

    [Fact]
    public void Empty_file_is_reported_as_not_gzip()
    {
        var path = _dir.File("empty.gz");
        File.WriteAllBytes(path, []);
        Fails(path, "not a gzip file (it is empty)");
    }

    [Fact]
    public void Gzip_magic_followed_by_garbage_is_reported_as_corrupt_gzip()
    {
        var path = _dir.File("garbage.gz");
        File.WriteAllBytes(path, [0x1F, 0x8B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        Fails(path, "corrupt gzip data");
    }

    [Fact]
    public void Gzip_stream_cut_short_is_reported_as_truncated_data()
    {
        var path = _dir.File("cut.gz");
        var whole = Gzip(Header(0x08, 50000), Sequence(50000));
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        Fails(path, "truncated: data ends after ");
    }

    [Fact]
    public void Wrong_magic_is_reported_with_the_bytes_found()
    {
        var path = _dir.File("magic.gz");
        File.WriteAllBytes(path, Gzip([0x12, 0x34, 0x08, 0x01, 0, 0, 0, 1], [5]));
        Fails(path, "bad magic 0x12340801");
    }

    [Fact]
    public void Wrong_type_code_is_reported_with_the_code_found()
    {
        var path = _dir.File("floats.gz");
        File.WriteAllBytes(path, Gzip(Header(0x0D, 1), [0, 0, 0, 0]));
        Fails(path, "bad type code 0x0D (expected 0x08, unsigned byte)");
    }

    [Fact]
    public void Zero_dimensions_are_a_bad_header()
    {
        var path = _dir.File("rank0.gz");
        File.WriteAllBytes(path, Gzip(Header(0x08)));
        Fails(path, "bad header: zero dimensions");
    }

    [Fact]
    public void Truncated_data_says_how_many_of_the_declared_bytes_arrived()
    {
        var path = _dir.File("short.gz");
        File.WriteAllBytes(path, Gzip(Header(0x08, 2, 5), Sequence(7)));
        Fails(path, "truncated: data ends after 7 of 10 bytes");
    }

    [Fact]
    public void Truncated_header_says_how_many_of_the_header_bytes_arrived()
    {
        var path = _dir.File("header.gz");
        // Three dimensions declared (16 header bytes), but the file ends inside the second one.
        File.WriteAllBytes(path, Gzip([0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0]));
        Fails(path, "truncated: header ends after 10 of 16 bytes");
    }

    [Fact]
    public void Data_longer_than_the_dims_declare_is_a_dims_mismatch()
    {
        var path = _dir.File("long.gz");
        File.WriteAllBytes(path, Gzip(Header(0x08, 2, 3), Sequence(7)));
        Fails(path, "dims mismatch: header dims [2, 3] declare 6 data bytes but more follow");
    }

    [Fact]
    public void Negative_dimension_is_a_bad_header()
    {
        var path = _dir.File("negative.gz");
        File.WriteAllBytes(path, Gzip(Header(0x08, 3, -1)));
        Fails(path, "bad header: dimension 1 is -1");
    }
}
