namespace ShampooActors.Math;

/// <summary>
/// The SplitMix64 generator that fixes the data order of the benchmark workloads (and seeds initialisation):
/// s += 0x9E3779B97F4A7C15, then two xor-shift-multiply rounds and a final xor-shift.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    /// <summary>The generator state; saving and restoring it resumes the exact sequence.</summary>
    public ulong State { get; set; } = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        State += 0x9E3779B97F4A7C15UL;
        var z = State;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double uniform in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fills <paramref name="destination"/> with floats uniform in [low, high] (a draw can round to high in float32).</summary>
    public void FillUniform(Span<float> destination, float low, float high)
    {
        var width = (double)high - low;
        for (var i = 0; i < destination.Length; i++)
            destination[i] = (float)(low + width * NextDouble());
    }

    /// <summary>Shuffles <paramref name="items"/> in place with the workload rule: for i = n−1..1, j = next() mod (i+1), swap.</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i >= 1; i--)
        {
            var j = (int)(Next() % (ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
