using ShampooActors.Configuration.Tests.Support;

namespace ShampooActors.Configuration.Tests.Getters;

/// <summary>HOCON.md "Size in bytes format": a bare number of bytes, or a number with a decimal (kB, MB …) or binary (K, KiB, MiB …) unit.</summary>
public sealed class ByteSizeUnitsSpec
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("512", 512L)]
    [InlineData("\"512\"", 512L)]
    [InlineData("10B", 10L)]
    [InlineData("10 B", 10L)]
    [InlineData("10 bytes", 10L)]
    [InlineData("1kB", 1_000L)]
    [InlineData("1 kB", 1_000L)]
    [InlineData("1K", 1_024L)]
    [InlineData("1 KiB", 1_024L)]
    [InlineData("256 KiB", 262_144L)]
    [InlineData("2MB", 2_000_000L)]
    [InlineData("2 MiB", 2_097_152L)]
    [InlineData("3 GB", 3_000_000_000L)]
    [InlineData("1GiB", 1_073_741_824L)]
    [InlineData("5 GiB", 5_368_709_120L)]
    [InlineData("1 TB", 1_000_000_000_000L)]
    [InlineData("1 TiB", 1_099_511_627_776L)]
    [InlineData("8 TiB", 8_796_093_022_208L)]
    public void A_size_is_a_number_and_a_unit(string value, long bytes)
    {
        var config = Hocon.Resolve($"x = 0\nsize = {value}");

        Assert.Equal(bytes, config.GetBytes("size"));
    }

    [Theory]
    [InlineData("1M", 1_048_576L)]
    [InlineData("1G", 1_073_741_824L)]
    public void Single_letter_units_are_binary_like_K(string value, long bytes)
    {
        var config = Hocon.Resolve($"size = {value}");

        Assert.Equal(bytes, config.GetBytes("size"));
    }

    [Fact]
    public void Every_spelling_of_one_size_reads_the_same()
    {
        var config = Hocon.Resolve("""
            a = 1048576
            b = 1 MiB
            c = 1024 KiB
            d = 1024K
            e = "1048576 B"
            """);

        foreach (var key in new[] { "a", "b", "c", "d", "e" })
            Assert.Equal(1_048_576L, config.GetBytes(key));
    }

    [Theory]
    [InlineData(2, "size", "x = 1\nsize = 12 parsecs")]
    [InlineData(2, "size", "x = 1\nsize = lots")]
    [InlineData(2, "size", "x = 1\nsize = KiB")]
    [InlineData(3, "size", "x = 1\ny = 2\nsize = [1 KiB]")]
    [InlineData(2, "size", "x = 1\nsize = { a = 1 }")]
    [InlineData(4, "net.frame.max", "net {\n  frame {\n    min = 1 KiB\n    max = 64 furlongs\n  }\n}")]
    public void A_value_that_is_not_a_size_fails_with_its_line_and_full_path(int line, string path, string text)
    {
        var config = Hocon.Resolve(text);

        Hocon.AssertGetterFailsAt(line, path, () => config.GetBytes(path));
    }
}
