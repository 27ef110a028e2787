using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>
/// A symmetric positive semi-definite test matrix A = Q·diag(λ)·Qᵀ with known eigenvalues, its Q a product of
/// random Householder reflections formed with plain loops (independent of BLAS and LAPACK), and the reference
/// root Q·diag((λ + ε)^(−1/p))·Qᵀ computed the same way.
/// </summary>
internal sealed class SpdMatrix
{
    /// <summary>The random-matrix cases both root methods are checked on: n × condition number × p.</summary>
    public static TheoryData<int, double, int> RandomCases()
    {
        var data = new TheoryData<int, double, int>();
        foreach (var n in new[] { 17, 128 })
        foreach (var condition in new[] { 1, 1e4, 1e8, 1e12 })
        foreach (var p in new[] { 1, 2, 4, 6, 8 })
            data.Add(n, condition, p);
        return data;
    }

    private const double UnitRoundoff = 1.1102230246251565e-16;

    private SpdMatrix(int n, double[] q, double[] eigenvalues)
    {
        N = n;
        Q = q;
        Eigenvalues = eigenvalues;
        Matrix = Compose(eigenvalues);
    }

    public int N { get; }

    /// <summary>The orthogonal Q, row-major, eigenvectors as columns.</summary>
    public double[] Q { get; }

    public double[] Eigenvalues { get; }

    /// <summary>A = Q·diag(λ)·Qᵀ, row-major.</summary>
    public double[] Matrix { get; }

    public double LambdaMax => Eigenvalues.Max();

    /// <summary>A matrix with the given eigenvalues and eigenvectors from n random reflections (seeded).</summary>
    public static SpdMatrix WithEigenvalues(double[] eigenvalues, int seed)
    {
        var n = eigenvalues.Length;
        var random = new TestRandom(seed);
        var q = new double[n * n];
        for (var i = 0; i < n; i++)
            q[i * n + i] = 1;
        var v = new double[n];
        for (var reflection = 0; reflection < n; reflection++)
        {
            for (var i = 0; i < n; i++)
                v[i] = random.Uniform(-1, 1);
            var vv = v.Sum(x => x * x);
            // Q ← Q·(I − 2vvᵀ/vᵀv), row by row.
            for (var r = 0; r < n; r++)
            {
                double dot = 0;
                for (var i = 0; i < n; i++)
                    dot += q[r * n + i] * v[i];
                var scale = 2 * dot / vv;
                for (var i = 0; i < n; i++)
                    q[r * n + i] -= scale * v[i];
            }
        }
        return new SpdMatrix(n, q, eigenvalues);
    }

    /// <summary>Eigenvalues log-spaced from 1 down to 1/<paramref name="condition"/> (all 1 when it is 1).</summary>
    public static double[] LogSpaced(int n, double condition) =>
        Enumerable.Range(0, n).Select(i => n == 1 ? 1 : System.Math.Pow(condition, -(double)i / (n - 1))).ToArray();

    /// <summary>Q·diag(f)·Qᵀ.</summary>
    public double[] Compose(double[] f)
    {
        var n = N;
        var result = new double[n * n];
        for (var r = 0; r < n; r++)
        for (var c = r; c < n; c++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
                sum += Q[r * n + i] * f[i] * Q[c * n + i];
            result[r * n + c] = result[c * n + r] = sum;
        }
        return result;
    }

    /// <summary>The exact root of A + ε·I, Q·diag((λ + ε)^(−1/p))·Qᵀ.</summary>
    public double[] ReferenceRoot(double ridge, int p) =>
        Compose(Eigenvalues.Select(l => System.Math.Pow(l + ridge, -1.0 / p)).ToArray());

    /// <summary>‖X‖₂ of the exact root: λ_min(A + ε·I)^(−1/p).</summary>
    public double RootNorm(double ridge, int p) => System.Math.Pow(Eigenvalues.Min() + ridge, -1.0 / p);

    /// <summary>κ(A + ε·I).</summary>
    public double Condition(double ridge) => (LambdaMax + ridge) / (Eigenvalues.Min() + ridge);

    /// <summary>
    /// How far a computed root may be from the reference, entrywise. Forming A in float64 perturbs it by about
    /// n·u·λ_max per entry (and Q is orthogonal only to about n·u), so ‖δA‖ ≲ n·u·λ_max; the root's first-order
    /// change is at most (1/p)·‖δA‖/λ_min times ‖X‖ (its largest divided difference is f′(λ_min) for
    /// f(λ) = λ^(−1/p)), i.e. n·u·κ/p·‖X‖. The factor 16 covers the eigensolver's own backward error of the
    /// same size and the loose constants; a wrong root (wrong power, ridge or layout) is off by O(‖X‖).
    /// </summary>
    public double RoundingTolerance(double ridge, int p) =>
        16 * N * UnitRoundoff * Condition(ridge) / p * RootNorm(ridge, p);

    public static double MaxAbsDifference(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Assert.Equal(x.Length, y.Length);
        var max = 0.0;
        for (var i = 0; i < x.Length; i++)
            max = System.Math.Max(max, System.Math.Abs(x[i] - y[i]));
        return max;
    }

    /// <summary>max|Xᵖ·(A + ε·I) − I| by plain loops.</summary>
    public static double Residual(double[] x, double[] a, int n, int p, double ridge)
    {
        var power = Identity(n);
        for (var k = 0; k < p; k++)
            power = Multiply(power, x, n);
        var shifted = (double[])a.Clone();
        for (var i = 0; i < n; i++)
            shifted[i * n + i] += ridge;
        var product = Multiply(power, shifted, n);
        for (var i = 0; i < n; i++)
            product[i * n + i] -= 1;
        return product.Max(System.Math.Abs);
    }

    public static double[] Identity(int n)
    {
        var identity = new double[n * n];
        for (var i = 0; i < n; i++)
            identity[i * n + i] = 1;
        return identity;
    }

    public static double[] Multiply(double[] x, double[] y, int n)
    {
        var result = new double[n * n];
        for (var r = 0; r < n; r++)
        for (var k = 0; k < n; k++)
        {
            var xrk = x[r * n + k];
            for (var c = 0; c < n; c++)
                result[r * n + c] += xrk * y[k * n + c];
        }
        return result;
    }
}
