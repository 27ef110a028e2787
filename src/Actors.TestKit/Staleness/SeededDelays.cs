namespace ShampooActors.Testing;

/// <summary>
/// A delay drawn at random, reproducibly: each (block, version) gets its own <see cref="Random"/> seeded from the model's
/// seed and the pair, so the draw depends on nothing else (not on how many computations came before).
/// </summary>
internal abstract class SeededDelay(int seed) : DelayModel
{
    public int Seed { get; } = seed;

    public sealed override TimeSpan DelayOf(int block, long version) => Draw(new Random(Mix(Seed, block, version)));

    /// <summary>One delay from <paramref name="random"/>, freshly seeded for the computation.</summary>
    protected abstract TimeSpan Draw(Random random);

    /// <summary>A seed for (seed, block, version): SplitMix64's finaliser over the three, folded to 31 bits.</summary>
    private static int Mix(int seed, int block, long version)
    {
        var z = (ulong)(uint)seed;
        z = Finalise(z + 0x9E3779B97F4A7C15UL * ((ulong)(uint)block + 1));
        z = Finalise(z ^ (ulong)version);
        return (int)(z >> 33);
    }

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Uniform on [min, max): min + (max − min)·u with u from <see cref="Random.NextDouble"/>.</summary>
internal sealed class UniformDelay : SeededDelay
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;

    public UniformDelay(TimeSpan min, TimeSpan max, int seed)
        : base(seed)
    {
        _min = CheckDelay(min, nameof(min));
        if (max < min)
            throw new ArgumentOutOfRangeException(nameof(max), max, $"the upper bound must not be below the lower one ({min})");
        _max = max;
    }

    protected override TimeSpan Draw(Random random) =>
        _min + TimeSpan.FromTicks((long)((_max - _min).Ticks * random.NextDouble()));

    public override string ToString() => $"uniform on [{_min}, {_max}), seed {Seed}";
}

/// <summary>Log-normal: median·exp(σ·z) with z standard normal (Box–Muller over two uniforms).</summary>
internal sealed class LogNormalDelay : SeededDelay
{
    private readonly TimeSpan _median;
    private readonly double _sigma;

    public LogNormalDelay(TimeSpan median, double sigma, int seed)
        : base(seed)
    {
        _median = CheckDelay(median, nameof(median));
        if (!double.IsFinite(sigma) || sigma < 0)
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the spread must be finite and not negative");
        _sigma = sigma;
    }

    protected override TimeSpan Draw(Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // (0, 1]: the logarithm stays finite
        var u2 = random.NextDouble();
        var z = System.Math.Sqrt(-2.0 * System.Math.Log(u1)) * System.Math.Cos(2.0 * System.Math.PI * u2);
        var ticks = _median.Ticks * System.Math.Exp(_sigma * z);
        return ticks < TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)ticks) : TimeSpan.MaxValue;
    }

    public override string ToString() => $"log-normal, median {_median}, σ {_sigma}, seed {Seed}";
}
