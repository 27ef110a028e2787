using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim.SoNew;

/// <summary>The vectorised float32 banded direction against the scalar factor (float64, or float32 where the degenerate rules act), and split into ranges.</summary>
public sealed class SoNewBandedDirectionSpec
{
    public static TheoryData<int, int> Cases => new()
    {
        { 2, 5 }, { 2, 13 }, { 2, 600 }, { 3, 11 }, { 3, 12 }, { 3, 40 }, { 3, 1100 }, { 4, 12 }, { 4, 13 }, { 4, 19 }, { 4, 531 }, { 4, 1100 },
    };

    /// <summary>
    /// The band of A = B·Bᵀ + 0.1·I with B lower banded (B_ik ≠ 0 for i − b ≤ k ≤ i): A is banded with half-width b and
    /// positive definite, so every window is regular. Returns H_jj and H_{j,j+k} at j, as the optimizer keeps them.
    /// </summary>
    private static float[][] RandomBand(int n, int b, int seed)
    {
        var rng = new TestRandom(seed);
        var lower = rng.Doubles(n * (b + 1), -1, 1);
        double B(int i, int k) => k <= i && k >= i - b && k >= 0 ? lower[i * (b + 1) + i - k] : 0;
        var bands = new float[b + 1][];
        for (var q = 0; q <= b; q++)
        {
            bands[q] = new float[n];
            for (var j = 0; j + q < n; j++)
            {
                var sum = q == 0 ? 0.1 : 0.0;
                for (var k = System.Math.Max(0, j + q - b); k <= j; k++)
                    sum += B(j, k) * B(j + q, k);
                bands[q][j] = (float)sum;
            }
        }
        return bands;
    }

    private static BandSpans Spans(float[][] h) =>
        new(h[0], h[1], h.Length > 2 ? h[2] : default, h.Length > 3 ? h[3] : default, h.Length > 4 ? h[4] : default);

    private static (float[] U, double Squares) Vectorised(float[][] h, float damping, float[] m, params int[] splits)
    {
        var n = m.Length;
        var u = new float[n];
        var scratch = new float[BandedDirection.ScratchLength];
        var bounds = new[] { 0 }.Concat(splits).Append(n).ToArray();
        var squares = 0.0;
        for (var r = 0; r + 1 < bounds.Length; r++)
            squares += BandedDirection.Run(Spans(h), h.Length - 1, damping, m, u, bounds[r], bounds[r + 1], scratch);
        return (u, squares);
    }

    private readonly struct Band<T>(T[][] h) : IBand<T>
    {
        public T At(int offset, int j) => h[offset][j];
    }

    private static T[] Scalar<T>(T[][] h, T damping, T[] m) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var n = m.Length;
        var b = h.Length - 1;
        var psi = new T[n * b];
        var invC = new T[n];
        BandedFactor.Factor(new Band<T>(h), n, b, damping, psi, invC, new T[BandedFactor.WorkLength(b)]);
        var u = new T[n];
        BandedFactor.Apply<T>(psi, invC, b, m, new T[n], u);
        return u;
    }

    private static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        var scale = expected.Max(System.Math.Abs);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(System.Math.Abs(actual[i] - expected[i]) <= tolerance * scale, $"{what}: u[{i}] = {actual[i]:R}, expected {expected[i]:R} (max |u| {scale:R})");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Regular_windows_follow_the_float64_factor(int b, int n)
    {
        var h = RandomBand(n, b, seed: 31 * b + n);
        var m = new TestRandom(n).Floats(n, -1, 1);
        const float damping = 1e-3f;

        var (u, squares) = Vectorised(h, damping, m);
        var expected = Scalar(h.Select(row => row.Select(v => (double)v).ToArray()).ToArray(), damping, m.Select(v => (double)v).ToArray());

        // Windows of A = B·Bᵀ + 0.1·I have condition numbers up to ~10²: float32 keeps about five digits of u.
        AssertClose(expected, u, 1e-4, $"b = {b}, n = {n}");
        var expectedSquares = expected.Sum(v => v * v);
        Assert.True(System.Math.Abs(squares - expectedSquares) <= 1e-4 * expectedSquares, $"Σu² = {squares:R}, expected {expectedSquares:R}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Degenerate_windows_take_the_scalar_rules(int b, int n)
    {
        // Every 7th position gets a first covariance far beyond √(H_jj·H_{j+1,j+1}) (c_j < 0: shrink), every 11th a zero
        // row (H_jj = 0 without damping: no direction), every 13th a second neighbour that duplicates the first (a zero
        // Cholesky pivot: left out). Float32 on both sides, since the shrink floor is float32's ε·H_jj.
        var h = RandomBand(n, b, seed: 17 * b + n);
        for (var j = 0; j + 1 < n; j += 7)
            h[1][j] = 3 * MathF.Sqrt(h[0][j] * h[0][j + 1]);
        for (var j = 5; j < n; j += 11)
        {
            h[0][j] = 0;
            for (var q = 1; q <= b; q++)
            {
                if (j + q < n)
                    h[q][j] = 0;
                if (j - q >= 0)
                    h[q][j - q] = 0;
            }
        }
        for (var j = 3; j + 2 < n; j += 13)
        {
            // Rows j + 1 and j + 2 equal on the window of j: H_{j+1,j+1} = H_{j+2,j+2} = H_{j+1,j+2}, H_{j,j+1} = H_{j,j+2}.
            h[0][j + 2] = h[0][j + 1];
            h[1][j + 1] = h[0][j + 1];
            h[2][j] = h[1][j];
        }
        var m = new TestRandom(n + 1).Floats(n, -1, 1);

        var (u, _) = Vectorised(h, 0, m);
        var expected = Scalar(h, 0f, m).Select(v => (double)v).ToArray();

        Assert.All(u, v => Assert.True(float.IsFinite(v)));
        AssertClose(expected, u, 1e-4, $"b = {b}, n = {n}");
    }

    [Theory]
    [InlineData(2, 600)]
    [InlineData(3, 1100)]
    [InlineData(4, 1100)]
    [InlineData(4, 20)]
    public void Any_split_into_ranges_gives_the_same_direction_bit_for_bit(int b, int n)
    {
        var h = RandomBand(n, b, seed: 5 * b + n);
        for (var j = 0; j + 1 < n; j += 9)
            h[1][j] = 3 * MathF.Sqrt(h[0][j] * h[0][j + 1]);
        var m = new TestRandom(2 * n).Floats(n, -1, 1);

        var (whole, _) = Vectorised(h, 1e-4f, m);
        foreach (var splits in new[] { new[] { n / 2 }, new[] { 1, 9, n - 3 }, new[] { 7, n / 3 + 5, n - 8 } })
        {
            var (parts, _) = Vectorised(h, 1e-4f, m, splits);
            var first = Enumerable.Range(0, n).FirstOrDefault(i => whole[i] != parts[i], -1);
            Assert.True(first < 0, $"splits [{string.Join(", ", splits)}]: u[{first}] = {(first < 0 ? 0 : parts[first]):R}, whole {(first < 0 ? 0 : whole[first]):R}");
        }
    }
}
