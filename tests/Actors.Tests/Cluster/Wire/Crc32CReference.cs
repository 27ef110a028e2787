namespace ShampooActors.Actors.Tests.Cluster.Wire;

/// <summary>CRC-32C one bit at a time from its definition (reflected Castagnoli polynomial 0x82F63B78): slow, obviously right.</summary>
internal static class Crc32CReference
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }
}
