using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, as in iSCSI and RFC 3720): the envelope checksum.</summary>
public static class Crc32C
{
    /// <summary>The reflected Castagnoli polynomial.</summary>
    internal const uint Polynomial = 0x82F63B78;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32C of <paramref name="data"/> (initial value and final xor 0xFFFFFFFF), by the CPU's CRC instruction when it has one.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
            return ~Sse42X64(~0u, data);
        if (Crc32.Arm64.IsSupported)
            return ~Arm64(~0u, data);
        return ~Tabled(~0u, data);
    }

    /// <summary>The table (Sarwate) computation, whatever the CPU: the fallback, and what tests compare the instruction paths with.</summary>
    internal static uint ComputeByTable(ReadOnlySpan<byte> data) => ~Tabled(~0u, data);

    /// <summary>Whether <see cref="Compute"/> uses a CPU instruction rather than the table.</summary>
    internal static bool IsHardwareAccelerated => Sse42.X64.IsSupported || Crc32.Arm64.IsSupported;

    private static uint Sse42X64(uint crc, ReadOnlySpan<byte> data)
    {
        ulong wide = crc;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        // x86 is little-endian: each word's bytes are consumed in memory order, as the bytewise CRC does.
        foreach (var word in words)
            wide = Sse42.X64.Crc32(wide, word);
        var narrow = (uint)wide;
        foreach (var b in data[(words.Length * sizeof(ulong))..])
            narrow = Sse42.Crc32(narrow, b);
        return narrow;
    }

    private static uint Arm64(uint crc, ReadOnlySpan<byte> data)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words)
            crc = Crc32.Arm64.ComputeCrc32C(crc, word);
        foreach (var b in data[(words.Length * sizeof(ulong))..])
            crc = Crc32.ComputeCrc32C(crc, b);
        return crc;
    }

    private static uint Tabled(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data)
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
