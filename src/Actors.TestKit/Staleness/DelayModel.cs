namespace ShampooActors.Testing;

/// <summary>
/// How long a simulated root computation of one block's snapshot takes, on the actor system's clock: a pure function of
/// (block, version), so a retried computation of the same snapshot takes as long as the first and a run does not depend on
/// the order in which computations are asked for.
/// </summary>
public abstract class DelayModel
{
    /// <summary>The delay of computing block <paramref name="block"/>'s roots at <paramref name="version"/> (never negative).</summary>
    public abstract TimeSpan DelayOf(int block, long version);

    /// <summary>Every computation takes <paramref name="delay"/>.</summary>
    public static DelayModel Constant(TimeSpan delay)
    {
        CheckDelay(delay, nameof(delay));
        return new FunctionDelay((_, _) => delay, $"constant {delay}");
    }

    /// <summary>The delays of a table keyed by (block, version); any other computation takes <paramref name="fallback"/>.</summary>
    public static DelayModel Table(TimeSpan fallback, params (int Block, long Version, TimeSpan Delay)[] entries) => new DelayTable(fallback, entries);

    /// <summary>Uniform on [<paramref name="min"/>, <paramref name="max"/>), drawn per (block, version) from <paramref name="seed"/>.</summary>
    public static DelayModel Uniform(TimeSpan min, TimeSpan max, int seed) => new UniformDelay(min, max, seed);

    /// <summary>Log-normal with median <paramref name="median"/> and log-space spread <paramref name="sigma"/>, drawn per (block, version) from <paramref name="seed"/>.</summary>
    public static DelayModel LogNormal(TimeSpan median, double sigma, int seed) => new LogNormalDelay(median, sigma, seed);

    /// <summary>The delays <paramref name="delayOf"/> gives (it must be pure for the run to be reproducible).</summary>
    public static DelayModel From(Func<int, long, TimeSpan> delayOf, string? description = null) => new FunctionDelay(delayOf, description ?? "custom");

    /// <summary><paramref name="delay"/>, or an <see cref="ArgumentOutOfRangeException"/> when it is negative.</summary>
    internal static TimeSpan CheckDelay(TimeSpan delay, string name) =>
        delay >= TimeSpan.Zero ? delay : throw new ArgumentOutOfRangeException(name, delay, "a delay must not be negative");

    private sealed class FunctionDelay(Func<int, long, TimeSpan> delayOf, string description) : DelayModel
    {
        private readonly Func<int, long, TimeSpan> _delayOf = delayOf ?? throw new ArgumentNullException(nameof(delayOf));

        public override TimeSpan DelayOf(int block, long version) =>
            CheckDelay(_delayOf(block, version), $"delay of block {block} version {version}");

        public override string ToString() => description;
    }
}
