namespace ShampooActors.Math.Tests.Support;

/// <summary>
/// A cyclic Jacobi eigensolver for small symmetric matrices, in plain float64 loops: a reference that shares nothing
/// with LAPACK or with the code under test. It converges quadratically; sweeps stop when the off-diagonal mass is at
/// rounding level.
/// </summary>
internal static class JacobiEigen
{
    /// <summary>Eigenvalues and eigenvectors (as columns of an n×n row-major array) of the symmetric row-major <paramref name="matrix"/>.</summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> matrix, int n)
    {
        var a = matrix[..(n * n)].ToArray();
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
            v[i * n + i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    total += a[i * n + j] * a[i * n + j];
                    if (i != j)
                        off += a[i * n + j] * a[i * n + j];
                }
            }
            if (off <= 1e-30 * total || off == 0)
                break;
            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[p * n + q];
                    if (apq == 0)
                        continue;
                    var theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    var t = System.Math.Sign(theta) / (System.Math.Abs(theta) + System.Math.Sqrt(theta * theta + 1));
                    if (theta == 0)
                        t = 1;
                    var c = 1 / System.Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k * n + p];
                        var akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p * n + k];
                        var aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k * n + p];
                        var vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var values = new double[n];
        for (var i = 0; i < n; i++)
            values[i] = a[i * n + i];
        return (values, v);
    }

    /// <summary>f(A) = V·diag(f(λ))·Vᵀ for the symmetric row-major <paramref name="matrix"/>.</summary>
    public static double[] Apply(ReadOnlySpan<double> matrix, int n, Func<double, double> f)
    {
        var (values, vectors) = Decompose(matrix, n);
        var result = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            var fk = f(values[k]);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                    result[i * n + j] += vectors[i * n + k] * fk * vectors[j * n + k];
            }
        }
        return result;
    }

    /// <summary>The largest eigenvalue of the symmetric row-major <paramref name="matrix"/>.</summary>
    public static double MaxEigenvalue(ReadOnlySpan<double> matrix, int n) => Decompose(matrix, n).Values.Max();
}
