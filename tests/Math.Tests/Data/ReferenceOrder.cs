namespace ShampooActors.Math.Tests.Data;

/// <summary>
/// The workload data order transcribed again from BENCHMARKS.md, independently of the library, as the reference to test against.
/// </summary>
internal static class ReferenceOrder
{
    /// <summary>s += 0x9E3779B97F4A7C15; z = s; z = (z ^ (z >> 30))·0xBF58476D1CE4E5B9; z = (z ^ (z >> 27))·0x94D049BB133111EB; return z ^ (z >> 31).</summary>
    internal sealed class SplitMix64(ulong seed)
    {
        private ulong _s = seed;

        public ulong Next()
        {
            unchecked
            {
                _s += 0x9E3779B97F4A7C15;
                var z = _s;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
                return z ^ (z >> 31);
            }
        }
    }

    /// <summary>One epoch: p = 0..n−1; for i = n−1 down to 1: j = next() mod (i+1); swap(p[i], p[j]).</summary>
    public static int[] Permutation(SplitMix64 rng, int n)
    {
        var p = new int[n];
        for (var i = 0; i < n; i++)
            p[i] = i;
        for (var i = n - 1; i >= 1; i--)
        {
            var j = (int)(rng.Next() % (ulong)(i + 1));
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    /// <summary>The example indices of every batch of <paramref name="epochs"/> epochs, consecutive slices with the tail dropped.</summary>
    public static List<int[]> Batches(ulong seed, int n, int batchSize, int epochs)
    {
        var rng = new SplitMix64(seed);
        var batches = new List<int[]>();
        for (var e = 0; e < epochs; e++)
        {
            var p = Permutation(rng, n);
            for (var start = 0; start + batchSize <= n; start += batchSize)
                batches.Add(p[start..(start + batchSize)]);
        }
        return batches;
    }
}
