using System.Numerics.Tensors;

namespace ShampooActors.Math.Linalg;

/// <summary>max|M − I| of a row-major n×n matrix, the error measure of every root (NaN when any entry is NaN).</summary>
internal static class IdentityDeviation
{
    /// <summary>max|M − I| over all entries, or over the upper triangle only when M is known to be symmetric.</summary>
    public static double Max(ReadOnlySpan<double> m, int n, bool upperOnly)
    {
        var max = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = m.Slice(i * n, n);
            max = Larger(max, System.Math.Abs(row[i] - 1));
            if (!upperOnly)
                max = Larger(max, MaxMagnitude(row[..i]));
            max = Larger(max, MaxMagnitude(row[(i + 1)..]));
        }
        return max;
    }

    /// <summary>The residual max|B·A − I|, with the product formed in <paramref name="product"/>.</summary>
    public static double OfProduct(ReadOnlySpan<double> b, ReadOnlySpan<double> a, Span<double> product, int n)
    {
        // B·A is not symmetric in floating point even when B is a function of A; its asymmetry is part of the error.
        Blas.Dgemm(false, false, n, n, n, 1.0, b, n, a, n, 0.0, product, n);
        return Max(product, n, upperOnly: false);
    }

    private static double MaxMagnitude(ReadOnlySpan<double> values) =>
        values.IsEmpty ? 0 : System.Math.Abs(TensorPrimitives.MaxMagnitude(values));

    // NaN wins so that a broken root can never pass as accurate.
    private static double Larger(double max, double value) =>
        double.IsNaN(max) || double.IsNaN(value) ? double.NaN : System.Math.Max(max, value);
}
