using System.Diagnostics;
using System.Runtime.InteropServices;
using ShampooActors.Math;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// GFLOP/s of sgemm and dgemm through our checked binding, interleaved call by call with a raw function-pointer
/// call of the same OpenBLAS symbol (the least a caller can do), so the ratio is the binding's overhead.
/// </summary>
public static unsafe class GemmBenchmark
{
    /// <summary>One row of the result table.</summary>
    public sealed record Row(string Routine, int N, int Reps, double OursP10Ms, double OursMedianMs, double DirectP10Ms,
        double DirectMedianMs, double OursGflops, double DirectGflops, double OverheadP10Percent, double OverheadMedianPercent);

    /// <summary>Runs every size for both precisions.</summary>
    public static List<Row> Run(int[] sizes, int minReps)
    {
        var handle = NativeLibrary.Load("libopenblas.so.0");
        var sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)
            NativeLibrary.GetExport(handle, "cblas_sgemm");
        var dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)
            NativeLibrary.GetExport(handle, "cblas_dgemm");
        var rows = new List<Row>();
        foreach (var n in sizes)
        {
            var reps = System.Math.Max(minReps, (int)(2e10 / (2.0 * n * n * n)));
            rows.Add(Single(n, reps, sgemm));
            rows.Add(Double(n, reps, dgemm));
        }
        return rows;
    }

    private static Row Single(int n, int reps,
        delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> raw)
    {
        var rng = new SplitMix64(1);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        rng.FillUniform(a, -1, 1);
        rng.FillUniform(b, -1, 1);
        void Ours() => Blas.Sgemm(false, true, n, n, n, 1f, a, n, b, n, 0f, c, n);
        void Direct()
        {
            fixed (float* pa = a, pb = b, pc = c)
                raw(101, 111, 112, n, n, n, 1f, pa, n, pb, n, 0f, pc, n);
        }
        return Interleave("sgemm", n, reps, Ours, Direct);
    }

    private static Row Double(int n, int reps,
        delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> raw)
    {
        var rng = new SplitMix64(2);
        var a = new double[n * n];
        var b = new double[n * n];
        var c = new double[n * n];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = rng.NextDouble() - 0.5;
            b[i] = rng.NextDouble() - 0.5;
        }
        void Ours() => Blas.Dgemm(false, true, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
        void Direct()
        {
            fixed (double* pa = a, pb = b, pc = c)
                raw(101, 111, 112, n, n, n, 1.0, pa, n, pb, n, 0.0, pc, n);
        }
        return Interleave("dgemm", n, reps, Ours, Direct);
    }

    private static Row Interleave(string routine, int n, int reps, Action ours, Action direct)
    {
        for (var i = 0; i < 3; i++)
        {
            ours();
            direct();
        }
        Samples o = new(), d = new();
        for (var i = 0; i < reps; i++)
        {
            // Alternate which goes first so neither always inherits the other's cache state.
            var (first, second, fs, ss) = i % 2 == 0 ? (ours, direct, o, d) : (direct, ours, d, o);
            fs.Add(Time(first));
            ss.Add(Time(second));
        }
        var flop = 2.0 * n * n * n;
        return new Row(routine, n, reps, o.P10, o.Median, d.P10, d.Median,
            flop / (o.P10 * 1e6), flop / (d.P10 * 1e6),
            100 * (o.P10 / d.P10 - 1), 100 * (o.Median / d.Median - 1));
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
