using ShampooActors.Actors.Cluster.Wire;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Cluster.Wire;

/// <summary>Messages of every kind with random contents from a seeded <see cref="Random"/>, and bit-exact comparisons of them.</summary>
internal static class WireSamples
{
    public const string Job = "job-7";

    /// <summary>Values whose bits a lossy encoding would change: signed zero, subnormals, extremes, and ones with a full mantissa.</summary>
    private static readonly double[] Awkward = [-0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1 / 3.0, System.Math.PI * 1e-300, 2.2250738585072009e-308];

    /// <summary>An n×n matrix of random values spread over many magnitudes, starting with <see cref="Awkward"/> where it has room.</summary>
    public static double[] Matrix(Random random, int n)
    {
        var values = new double[n * n];
        for (var k = 0; k < values.Length; k++)
            values[k] = k < Awkward.Length ? Awkward[k] : (random.NextDouble() * 2 - 1) * System.Math.Pow(10, random.Next(-30, 30));
        return values;
    }

    public static RootOptions NonDefaultOptions() => new()
    {
        Method = RootMethod.CoupledNewton,
        Ridge = 3.5e-7,
        RidgeKind = RidgeKind.Absolute,
        NewtonTolerance = 2e-9,
        NewtonMaxIterations = 37,
        AcceptResidual = 0.05,
        Retries = 3,
        PowerIterations = 17,
        PowerTolerance = 1e-4,
    };

    public static SnapshotMessage Snapshot(Random random, params int[] sizes) =>
        Snapshot(random, new RootOptions(), sizes);

    public static SnapshotMessage Snapshot(Random random, RootOptions options, params int[] sizes)
    {
        var factors = sizes.Select((n, f) => new FactorStatistics(n, 2 * (f + 1), Matrix(random, n))).ToArray();
        return new SnapshotMessage(Job, random.Next(0, 100), new StatisticsSnapshot(random.Next(0, 1000), random.NextInt64(0, 1L << 40), factors, options));
    }

    public static RootsMessage Roots(Random random, params int[] sizes)
    {
        var factors = sizes.Select((n, f) => new InverseRoot(Matrix(random, n), Diagnostics(random, f))).ToArray();
        return new RootsMessage(Job, random.Next(0, 100), "host-b", random.NextDouble() * 1000, new BlockRoots(random.Next(0, 1000), random.NextInt64(0, 1L << 40), factors));
    }

    /// <summary>Eigh diagnostics (Newton error NaN) for even factors, coupled-Newton ones for odd.</summary>
    private static RootDiagnostics Diagnostics(Random random, int factor) => factor % 2 == 0
        ? new RootDiagnostics(RootMethod.Eigh, random.NextDouble() * 0.01, 0, random.NextDouble() * 100, random.NextDouble() * 1e-6 + 1e-12, 1, true, random.NextDouble())
        : new RootDiagnostics(RootMethod.CoupledNewton, random.NextDouble() * 0.01, random.Next(1, 100), random.NextDouble() * 100, random.NextDouble() * 1e-6 + 1e-12, random.Next(1, 6), true, random.NextDouble())
        {
            NewtonError = random.NextDouble() * 1e-6,
        };

    public static HeartbeatMessage Heartbeat(Random random) =>
        new(Job, "node-a", random.NextInt64(), random.NextInt64(1, long.MaxValue), random.Next(1, 64), random.NextInt64(0, 1L << 50));

    public static JobAnnouncement Announcement(Random random, bool active = true) =>
        new(Job, random.Next(0, 100), Enumerable.Range(0, 5).Select(b => new BlockShape(b * 3, Enumerable.Range(0, b % 3 + 1).Select(_ => random.Next(1, 4096)).ToArray())).ToArray(), active);

    public static ChunkMessage Chunk(Random random)
    {
        var data = new byte[random.Next(1, 500)];
        random.NextBytes(data);
        return new ChunkMessage(Job, Guid.NewGuid().ToString("N"), 2, 5, 10_000, data);
    }

    public static ChunkTicket Ticket(Random random) =>
        new(Job, random.Next(0, 1000), random.NextInt64(0, 1L << 40), random.Next(0, 100), "job-7.chunks.abc", Guid.NewGuid().ToString("N"), random.Next(1, 4096));

    /// <summary>Whether two double arrays hold the same bits (NaN payloads and signed zeros included).</summary>
    public static bool SameBits(double[]? expected, double[]? actual) =>
        expected is null ? actual is null
        : actual is not null && expected.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(actual.Select(BitConverter.DoubleToInt64Bits));
}
