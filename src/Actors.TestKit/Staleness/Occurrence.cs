namespace ShampooActors.Testing;

/// <summary>
/// Which computations (calls of the simulated root service) or publications (roots passing the fault relay) a fault hits:
/// the k-th overall, the k-th of one block (both counted from 1, in the order they happen), or every one of a block's version.
/// </summary>
public abstract record Occurrence
{
    private Occurrence()
    {
    }

    /// <summary>The <paramref name="k"/>-th overall (1-based).</summary>
    public static Occurrence Nth(int k) => new Overall(Positive(k));

    /// <summary>The <paramref name="k"/>-th of block <paramref name="block"/> (1-based).</summary>
    public static Occurrence NthOfBlock(int block, int k) => new OfBlock(block, Positive(k));

    /// <summary>Every one of block <paramref name="block"/>'s version <paramref name="version"/> (a retried computation included).</summary>
    public static Occurrence OfVersion(int block, long version) => new Version(block, version);

    /// <summary>Whether it is this one: block <paramref name="block"/>'s <paramref name="version"/>, the <paramref name="overall"/>-th in all and the <paramref name="ofBlock"/>-th of its block.</summary>
    public abstract bool Matches(int block, long version, long overall, long ofBlock);

    private static int Positive(int k) => k >= 1 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "occurrences are counted from 1");

    private sealed record Overall(int K) : Occurrence
    {
        public override bool Matches(int block, long version, long overall, long ofBlock) => overall == K;

        public override string ToString() => $"#{K} overall";
    }

    private sealed record OfBlock(int Block, int K) : Occurrence
    {
        public override bool Matches(int block, long version, long overall, long ofBlock) => block == Block && ofBlock == K;

        public override string ToString() => $"#{K} of block {Block}";
    }

    private sealed record Version(int Block, long Value) : Occurrence
    {
        public override bool Matches(int block, long version, long overall, long ofBlock) => block == Block && version == Value;

        public override string ToString() => $"block {Block} version {Value}";
    }
}
