namespace ShampooActors.Math.Data;

/// <summary>The contents of one IDX file of unsigned bytes: its dimensions and its data in row-major order.</summary>
public sealed record IdxFile(string Path, int[] Dims, byte[] Data)
{
    /// <summary>The outermost dimension: the number of examples.</summary>
    public int Count => Dims[0];
}
