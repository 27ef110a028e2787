using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim.SoNew;

/// <summary>
/// Float64 dense helpers for the SONew specs: random SPD matrices, the band read as <see cref="IBand{T}"/>, X assembled
/// from ψ and 1/c, Gauss–Jordan inversion, and an independent X from the clique formula of decomposable graphs.
/// </summary>
internal static class SoNewReference
{
    /// <summary>A dense symmetric matrix (row-major, n×n) read as a band.</summary>
    public readonly struct DenseBand(double[] matrix, int n) : IBand<double>
    {
        public double At(int offset, int j) => matrix[j * n + j + offset];
    }

    /// <summary>G·Gᵀ/n + 0.1·I for a random n×n G: SPD with eigenvalues in about [0.1, 4], so inverses lose only a few digits.</summary>
    public static double[] RandomSpd(int n, int seed)
    {
        var g = new TestRandom(seed).Doubles(n * n, -1, 1);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                    sum += g[i * n + k] * g[j * n + k];
                a[i * n + j] = sum / n + (i == j ? 0.1 : 0);
            }
        }
        return a;
    }

    /// <summary>The diagonal and the first b off-diagonals of a dense matrix, each of length n (trailing entries 0).</summary>
    public static double[][] Bands(double[] matrix, int n, int b) =>
        Enumerable.Range(0, b + 1).Select(k => Enumerable.Range(0, n).Select(j => j + k < n ? matrix[j * n + j + k] : 0).ToArray()).ToArray();

    /// <summary>X = Uᵀ·diag(1/c)·U with U_{j,j} = 1 and U_{j,j+1+r} = −ψ[j·b + r].</summary>
    public static double[] Assemble(double[] psi, double[] invC, int n, int b)
    {
        var u = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            u[j * n + j] = 1;
            for (var r = 0; r < b && j + 1 + r < n; r++)
                u[j * n + j + 1 + r] = -psi[j * b + r];
        }
        var x = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                    sum += u[k * n + i] * invC[k] * u[k * n + j];
                x[i * n + j] = sum;
            }
        }
        return x;
    }

    /// <summary>The inverse by Gauss–Jordan elimination with partial pivoting.</summary>
    public static double[] Inverse(double[] matrix, int n)
    {
        var a = (double[])matrix.Clone();
        var inv = new double[n * n];
        for (var i = 0; i < n; i++)
            inv[i * n + i] = 1;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (System.Math.Abs(a[r * n + col]) > System.Math.Abs(a[pivot * n + col]))
                    pivot = r;
            }
            for (var k = 0; k < n; k++)
            {
                (a[col * n + k], a[pivot * n + k]) = (a[pivot * n + k], a[col * n + k]);
                (inv[col * n + k], inv[pivot * n + k]) = (inv[pivot * n + k], inv[col * n + k]);
            }
            var scale = 1 / a[col * n + col];
            for (var k = 0; k < n; k++)
            {
                a[col * n + k] *= scale;
                inv[col * n + k] *= scale;
            }
            for (var r = 0; r < n; r++)
            {
                if (r == col)
                    continue;
                var f = a[r * n + col];
                for (var k = 0; k < n; k++)
                {
                    a[r * n + k] -= f * a[col * n + k];
                    inv[r * n + k] -= f * inv[col * n + k];
                }
            }
        }
        return inv;
    }

    /// <summary>
    /// The inverse of the max-determinant completion of H's band by the decomposable-graph formula: the sum of the padded
    /// inverses of the cliques {i..i+b} minus those of the separators {i+1..i+b} (no Schur complements, no U).
    /// </summary>
    public static double[] CliqueInverse(double[] h, int n, int b)
    {
        var x = new double[n * n];
        for (var i = 0; i + b < n; i++)
        {
            AddPaddedInverse(h, n, i, b + 1, x, 1);
            if (i + b + 1 < n)
                AddPaddedInverse(h, n, i + 1, b, x, -1);
        }
        return x;
    }

    private static void AddPaddedInverse(double[] h, int n, int start, int size, double[] x, double sign)
    {
        var block = new double[size * size];
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
                block[i * size + j] = h[(start + i) * n + start + j];
        }
        var inv = Inverse(block, size);
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
                x[(start + i) * n + start + j] += sign * inv[i * size + j];
        }
    }

    /// <summary>y = A·v for a dense n×n A.</summary>
    public static double[] Multiply(double[] a, double[] v, int n) =>
        Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(k => a[i * n + k] * v[k])).ToArray();

    /// <summary>Whether a Cholesky factorization of the symmetric matrix succeeds with positive pivots.</summary>
    public static bool IsPositiveDefinite(double[] a, int n)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i * n + j];
                for (var k = 0; k < j; k++)
                    sum -= l[i * n + k] * l[j * n + k];
                if (i == j)
                {
                    if (!(sum > 0))
                        return false;
                    l[i * n + i] = System.Math.Sqrt(sum);
                }
                else
                    l[i * n + j] = sum / l[j * n + j];
            }
        }
        return true;
    }
}
