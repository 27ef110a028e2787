using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Linalg;

/// <summary>Checks of the matrix handed to a root computation, and its ridged copy A + ε·I.</summary>
internal static class RootInput
{
    /// <summary>Throws <see cref="ArgumentException"/> for an order or exponent below 1 or a span shorter than n².</summary>
    public static void CheckShape(ReadOnlySpan<double> matrix, int n, int p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 1);
        if (matrix.Length < (long)n * n)
            throw new ArgumentException($"inverse root: the matrix holds {matrix.Length} elements, needs {n}×{n}", nameof(matrix));
    }

    /// <summary>Throws <see cref="NonFiniteMatrixException"/> naming the first NaN or infinite entry of the n×n matrix.</summary>
    public static void CheckFinite(ReadOnlySpan<double> matrix, int n)
    {
        var values = matrix[..(n * n)];
        if (AllFinite(values))
            return;
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                var what = double.IsNaN(values[k]) ? "NaN" : values[k] > 0 ? "+∞" : "−∞";
                throw new NonFiniteMatrixException(string.Create(CultureInfo.InvariantCulture,
                    $"matrix entry ({k / n}, {k % n}) is {what} (row, column from 0)"));
            }
        }
    }

    /// <summary>Whether every value is finite: x − x is 0 for a finite x and NaN for NaN or ±∞, and NaN sticks in a sum.</summary>
    // Runs only a few times per root, over n² elements: compiled optimised at once rather than as slow tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        var width = Vector<double>.Count;
        var sum = Vector<double>.Zero;
        var k = 0;
        for (; k + width <= values.Length; k += width)
        {
            var v = new Vector<double>(values[k..]);
            sum += v - v;
        }
        var tail = 0.0;
        for (; k < values.Length; k++)
            tail += values[k] - values[k];
        return Vector.Sum(sum) + tail == 0;
    }

    /// <summary>a ← A + ε·I from the upper triangle of <paramref name="matrix"/>, mirrored so that a is exactly symmetric.</summary>
    public static void Ridged(ReadOnlySpan<double> matrix, int n, double ridge, Span<double> a)
    {
        for (var i = 0; i < n; i++)
            matrix.Slice(i * n + i, n - i).CopyTo(a.Slice(i * n + i, n - i));
        Symmetric.MirrorUpper(a, n);
        for (var i = 0; i < n; i++)
            a[i * n + i] += ridge;
    }
}
