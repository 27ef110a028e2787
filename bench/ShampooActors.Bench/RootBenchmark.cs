using System.Diagnostics;
using ShampooActors.Math;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// Inverse p-th roots of random SPD matrices: eigh against coupled Newton, interleaved call by call after a warm-up,
/// with dsyevd (the call eigh makes) and one n×n×n dgemm timed in the same rounds so that a row shows where the time goes.
/// </summary>
public static class RootBenchmark
{
    /// <summary>One row of the result table.</summary>
    public sealed record Row(int N, int P, double Condition, int Reps,
        double EighP10Ms, double EighMedianMs, double EighResidual,
        double NewtonP10Ms, double NewtonMedianMs, double NewtonResidual, int NewtonIterations,
        double NewtonOverEighP10, double DsyevdP10Ms, double DgemmP10Ms, double BytesPerCall);

    /// <summary>The BENCHMARKS.md targets for n = 1024, p = 4: eigh and Newton milliseconds, and the residual.</summary>
    public const double TargetEighMs = 300, TargetNewtonMs = 1500, TargetResidual = 1e-6;

    /// <summary>Measures every (n, condition) case with exponent <paramref name="p"/>.</summary>
    public static List<Row> Run(IEnumerable<(int N, double Condition)> cases, int p) =>
        cases.Select(c => Measure(c.N, p, c.Condition)).ToList();

    /// <summary>Fewer repetitions as n grows: a 2048 Newton root takes seconds.</summary>
    public static int RepsFor(int n) => n switch { <= 128 => 30, <= 256 => 20, <= 512 => 10, <= 1024 => 6, _ => 3 };

    private static Row Measure(int n, int p, double condition)
    {
        var a = RandomSpd(n, condition, seed: (ulong)n);
        var root = new double[n * n];
        var eigh = new RootOptions { Method = RootMethod.Eigh };
        var newton = new RootOptions { Method = RootMethod.CoupledNewton };
        var scratch = new double[n * n];
        var product = new double[n * n];
        var eigenvalues = new double[n];
        var (lwork, liwork) = Lapack.SymmetricEigenWorkspace(n);
        var (work, intWork) = (new double[lwork], new int[liwork]);
        RootDiagnostics? eighLast = null, newtonLast = null;
        void Eigh() => eighLast = InversePthRoot.Compute(a, n, p, eigh, root);
        void Newton() => newtonLast = InversePthRoot.Compute(a, n, p, newton, root);
        void Dsyevd()
        {
            a.CopyTo(scratch, 0);
            Lapack.SymmetricEigenRows(scratch, n, eigenvalues, work, intWork);
        }
        void Dgemm() => Blas.Dgemm(false, false, n, n, n, 1.0, a, n, a, n, 0.0, product, n);

        Action[] kernels = [Eigh, Newton, Dsyevd, Dgemm];
        foreach (var kernel in kernels)
            kernel();
        // A second warm-up call of the roots: the first one filled the array pool.
        var before = GC.GetAllocatedBytesForCurrentThread();
        Eigh();
        Newton();
        var bytesPerCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 2.0;

        var reps = RepsFor(n);
        var samples = kernels.Select(_ => new Samples()).ToArray();
        for (var rep = 0; rep < reps; rep++)
        {
            // Rotate the order so that no kernel always inherits the same predecessor's cache and thread state.
            for (var k = 0; k < kernels.Length; k++)
            {
                var which = (k + rep) % kernels.Length;
                samples[which].Add(Time(kernels[which]));
            }
        }
        return new Row(n, p, condition, reps,
            samples[0].P10, samples[0].Median, eighLast!.Residual,
            samples[1].P10, samples[1].Median, newtonLast!.Residual, newtonLast.Iterations,
            samples[1].P10 / samples[0].P10, samples[2].P10, samples[3].P10, bytesPerCall);
    }

    /// <summary>
    /// Q·diag(λ)·Qᵀ with λ log-spaced from 1 to 1/<paramref name="condition"/> and Q the eigenvectors of a random
    /// symmetric matrix (uniformly distributed orthogonal matrices, up to signs).
    /// </summary>
    public static double[] RandomSpd(int n, double condition, ulong seed)
    {
        var random = new SplitMix64(seed);
        var q = new double[n * n];
        for (var i = 0; i < n; i++)
        for (var j = i; j < n; j++)
            q[i * n + j] = q[j * n + i] = random.NextDouble() - 0.5;
        Lapack.SymmetricEigen(q, n, new double[n]);
        for (var i = 0; i < n; i++)
        for (var k = 0; k < n; k++)
            q[i * n + k] *= System.Math.Sqrt(System.Math.Pow(condition, -(double)k / (n - 1)));
        var a = new double[n * n];
        Blas.Dsyrk(false, n, n, 1.0, q, n, 0.0, a, n);
        Symmetric.MirrorUpper(a, n);
        return a;
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
