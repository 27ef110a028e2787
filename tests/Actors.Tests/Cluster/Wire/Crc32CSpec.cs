using System.Text;
using ShampooActors.Actors.Cluster.Wire;

namespace ShampooActors.Actors.Tests.Cluster.Wire;

/// <summary>The envelope checksum: published check values and a bitwise reference, on both the instruction and the table path.</summary>
public sealed class Crc32CSpec
{
    [Fact]
    public void The_checksum_of_123456789_is_the_published_check_value()
    {
        // The check value of CRC-32C (catalogue of parametrised CRC algorithms, "CRC-32/ISCSI"): 0xE3069283.
        var data = Encoding.ASCII.GetBytes("123456789");

        Assert.Equal(0xE3069283u, Crc32C.Compute(data));
        Assert.Equal(0xE3069283u, Crc32C.ComputeByTable(data));
        Assert.Equal(0xE3069283u, Crc32CReference.Compute(data));
    }

    [Fact]
    public void The_checksums_of_the_rfc_3720_test_patterns_are_the_published_ones()
    {
        // RFC 3720 (iSCSI) appendix B.4: 32 bytes of zeros, of ones, ascending and descending.
        var zeros = new byte[32];
        var ones = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        var ascending = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var descending = Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray();

        Assert.Equal(0x8A9136AAu, Crc32C.Compute(zeros));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(ones));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(ascending));
        Assert.Equal(0x113FDB5Cu, Crc32C.Compute(descending));
    }

    [Fact]
    public void The_checksum_of_nothing_is_zero()
    {
        Assert.Equal(0u, Crc32C.Compute([]));
        Assert.Equal(0u, Crc32C.ComputeByTable([]));
    }

    [Fact]
    public void Every_length_and_alignment_agrees_with_the_bitwise_reference_on_both_paths()
    {
        var random = new Random(3720);
        var buffer = new byte[300];
        random.NextBytes(buffer);
        // Lengths 0..64 at offsets 0..7 cover every tail after the 8-byte words, whatever the alignment; 300 a longer run.
        for (var offset = 0; offset < 8; offset++)
        {
            foreach (var length in Enumerable.Range(0, 65).Append(buffer.Length - offset))
            {
                var data = buffer.AsSpan(offset, length);
                var expected = Crc32CReference.Compute(data);
                Assert.Equal(expected, Crc32C.Compute(data));
                Assert.Equal(expected, Crc32C.ComputeByTable(data));
            }
        }
    }

    [Fact]
    public void A_large_buffer_agrees_with_the_bitwise_reference()
    {
        var data = new byte[1 << 20];
        new Random(7).NextBytes(data);

        Assert.Equal(Crc32CReference.Compute(data), Crc32C.Compute(data));
    }

    [Fact]
    public void Any_single_bit_flip_changes_the_checksum()
    {
        var data = new byte[64];
        new Random(11).NextBytes(data);
        var original = Crc32C.Compute(data);
        for (var bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(original, Crc32C.Compute(data));
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }
}
