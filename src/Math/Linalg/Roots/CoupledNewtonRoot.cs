using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Linalg;

/// <summary>
/// The coupled Newton iteration of Guo and Higham for A_ε^(−1/p): M₀ = z·A_ε, X₀ = z^(1/p)·I with
/// z = (p+1)/(2‖A_ε‖_F), then T = ((p+1)·I − M)/p, X ← X·T, M ← Tᵖ·M until max|M − I| is small.
/// Every iterate is a polynomial in A_ε, so all of them are symmetric and commute: products compute the upper
/// triangle only (<see cref="Symmetric"/>), and the iterates stay exactly symmetric.
/// </summary>
internal static class CoupledNewtonRoot
{
    /// <summary>The n×n buffers an attempt uses.</summary>
    public const int Buffers = 8;

    /// <summary>A stop when the error grows by this factor: past the rounding floor the iteration only drifts.</summary>
    public const double RiseFactor = 1.2;

    private const int A = 0;

    /// <summary>One attempt at ridge <paramref name="ridge"/>; X lands in a workspace buffer named by the result.</summary>
    public static RootAttempt Attempt(ReadOnlySpan<double> matrix, int n, int p, double ridge, RootOptions options,
        RootWorkspace work)
    {
        var nn = n * n;
        var a = work[A].AsSpan(0, nn);
        RootInput.Ridged(matrix, n, ridge, a);
        var z = (p + 1) / (2 * TensorPrimitives.Norm<double>(a));
        if (!(z > 0) || double.IsInfinity(z))
            return RootAttempt.Failed();

        int m = 1, t = 2, previous = 6, current = 7;
        Span<int> scratch = [3, 4, 5];
        TensorPrimitives.Multiply(a, z, work[m].AsSpan(0, nn));
        var x0 = work[previous].AsSpan(0, nn);
        x0.Clear();
        var scale0 = System.Math.Pow(z, 1.0 / p);
        for (var i = 0; i < n; i++)
            x0[i * n + i] = scale0;

        var error = FormT(work[m].AsSpan(0, nn), work[t].AsSpan(0, nn), n, p);
        var iterations = 0;
        while (error > options.NewtonTolerance && iterations < options.NewtonMaxIterations)
        {
            iterations++;
            var tSpan = work[t].AsSpan(0, nn);
            var power = Symmetric.Power(tSpan, p, n, work, scratch);
            var into = FreeOf(scratch, power);
            Symmetric.Product(power < 0 ? tSpan : work[power].AsSpan(0, nn), work[m].AsSpan(0, nn), work[into].AsSpan(0, nn), n);
            scratch[scratch.IndexOf(into)] = m;
            m = into;

            var xNext = work[current].AsSpan(0, nn);
            if (iterations == 1)
                TensorPrimitives.Multiply(tSpan, scale0, xNext);
            else
                Symmetric.Product(work[previous].AsSpan(0, nn), tSpan, xNext, n);

            // The next T is formed in the same pass that measures this step's error; it goes unused when we stop.
            var next = FormT(work[m].AsSpan(0, nn), tSpan, n, p);
            if (!(next < RiseFactor * error))
                return Finish(a, n, p, previous, error, iterations, work);
            (previous, current) = (current, previous);
            error = next;
        }
        return Finish(a, n, p, previous, error, iterations, work);
    }

    /// <summary>T = ((p+1)·I − M)/p from the symmetric M, row by row over the full matrix (a contiguous pass is cheaper
    /// than half of one plus a mirror); returns max|M − I|.</summary>
    // Runs only a few times per root, over n² elements: compiled optimised at once rather than as slow tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double FormT(ReadOnlySpan<double> m, Span<double> t, int n, int p)
    {
        var inverse = 1.0 / p;
        var error = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = m.Slice(i * n, n);
            var diagonal = row[i];
            TensorPrimitives.Multiply(row, -inverse, t.Slice(i * n, n));
            t[i * n + i] = (p + 1 - diagonal) * inverse;
            var rowError = System.Math.Max(System.Math.Abs(diagonal - 1),
                System.Math.Max(IdentityDeviation.MaxAbs(row[..i]), IdentityDeviation.MaxAbs(row[(i + 1)..])));
            error = double.IsNaN(rowError) || double.IsNaN(error) ? double.NaN : System.Math.Max(error, rowError);
        }
        return error;
    }

    /// <summary>The attempt for the root in buffer <paramref name="root"/>, with its true residual max|Xᵖ·A_ε − I|.</summary>
    private static RootAttempt Finish(ReadOnlySpan<double> a, int n, int p, int root, double error, int iterations,
        RootWorkspace work)
    {
        // Newton's error tracks Xᵖ·A_ε − I only while rounding has not decoupled M from X; the acceptance rule
        // needs the residual of the X actually returned, at the price of one matrix power and one gemm.
        Span<int> free = stackalloc int[3];
        var count = 0;
        for (var index = A + 1; count < 3; index++)
        {
            if (index != root)
                free[count++] = index;
        }
        var output = root == Buffers - 1 ? Buffers - 2 : Buffers - 1;
        var nn = n * n;
        var x = work[root].AsSpan(0, nn);
        var power = Symmetric.Power(x, p, n, work, free);
        var residual = IdentityDeviation.OfProduct(power < 0 ? x : work[power].AsSpan(0, nn), a, work[output].AsSpan(0, nn), n);
        return new RootAttempt(residual, iterations, error, root);
    }

    private static int FreeOf(ReadOnlySpan<int> scratch, int busy)
    {
        foreach (var index in scratch)
        {
            if (index != busy)
                return index;
        }
        throw new InvalidOperationException("newton needs a free scratch buffer");
    }
}
