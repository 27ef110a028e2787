using System.Numerics;

namespace ShampooActors.Math.Optim;

/// <summary>A symmetric band matrix read by offset: <c>At(k, j)</c> = H_{j, j+k} for 0 ≤ k ≤ b.</summary>
internal interface IBand<T>
{
    T At(int offset, int j);
}

/// <summary>
/// The banded SONew preconditioner X = Uᵀ·diag(1/c)·U (ALGORITHMS.md §2), U unit upper triangular with
/// U_{j,j+1+r} = −ψ_{j,r}: for each j, with S_j = H[j+1..j+k, j+1..j+k], s_j = H[j+1..j+k, j] and k = min(b, n−1−j)
/// neighbours, ψ_j = S_j⁻¹s_j and c_j = H_jj − s_jᵀψ_j, which makes X the inverse of the max-determinant completion
/// of the band. Damping is added to every diagonal entry read. Generic so that tests run it in float64.
/// <para>
/// Degenerate windows, in order. (1) S_j is factored by Cholesky, nearest neighbour first; at the first pivot that is not
/// positive, that neighbour and every farther one are left out (ψ = 0 there): S_j is singular along them. (2) With the
/// kept neighbours, while c_j &lt; ε·H_jj (ε the machine epsilon of T, 2⁻²³ in float32, 2⁻⁵² in float64), the farthest
/// neighbour's covariance s_{j,r} is scaled by the α ∈ [0, 1) that makes c_j = ε·H_jj exactly (the larger root of the
/// quadratic c_j(α) = ε·H_jj; c_j(α) is concave and c_j(1) &lt; ε·H_jj); if even α = 0 leaves c_j below the floor, s_{j,r}
/// becomes 0 and the next neighbour inward is shrunk the same way. With all covariances at 0, c_j = H_jj. (3) A row with
/// H_jj ≤ 0 (an all-zero statistic without damping) gets ψ_j = 0 and 1/c_j := 0: no direction there.
/// </para>
/// </summary>
internal static class BandedFactor
{
    /// <summary>Scratch length <see cref="Factor{T, TBand}"/> needs for band <paramref name="b"/>.</summary>
    public static int WorkLength(int b) => b * b + 4 * b;

    /// <summary>Fills ψ (n·b, row j at j·b, zeros where a neighbour is missing or left out) and 1/c (n).</summary>
    public static void Factor<T, TBand>(TBand band, int n, int b, T damping, Span<T> psi, Span<T> invC, Span<T> work)
        where T : IFloatingPointIeee754<T>
        where TBand : IBand<T>, allows ref struct
    {
        for (var j = 0; j < n; j++)
            invC[j] = FactorAt(band, n, b, damping, j, psi.Slice(j * b, b), work);
    }

    /// <summary>ψ_j into <paramref name="row"/> (length b, zeros where a neighbour is missing or left out); returns 1/c_j.</summary>
    public static T FactorAt<T, TBand>(TBand band, int n, int b, T damping, int j, Span<T> row, Span<T> work)
        where T : IFloatingPointIeee754<T>
        where TBand : IBand<T>, allows ref struct
    {
        var eps = T.BitIncrement(T.One) - T.One;
        var l = work[..(b * b)];
        var s = work.Slice(b * b, b);
        var y = work.Slice(b * b + b, b);
        var ya = work.Slice(b * b + 2 * b, b);
        var yr = work.Slice(b * b + 3 * b, b);
        row.Clear();
        var hjj = band.At(0, j) + damping;
        if (!(hjj > T.Zero))
            return T.Zero;
        var kept = Cholesky(band, j, System.Math.Min(b, n - 1 - j), b, damping, l);
        for (var r = 0; r < kept; r++)
            s[r] = band.At(r + 1, j);
        var floor = eps * hjj;
        ForwardSolve(l, b, kept, s, y);
        var c = hjj - Dot(y, y, kept);
        for (var r = kept - 1; r >= 0 && !(c >= floor); r--)
        {
            // s(α) = a + α·s_r·e_r with a = s without entry r; y(α) = L⁻¹a + α·L⁻¹(s_r e_r) =: ya + α·yr.
            var sr = s[r];
            s[r] = T.Zero;
            ForwardSolve(l, b, kept, s, ya);
            s[r] = sr;
            for (var t = 0; t < kept; t++)
                yr[t] = y[t] - ya[t];
            var room = hjj - floor;
            var c0 = Dot(ya, ya, kept) - room;
            if (c0 <= T.Zero)
            {
                // q(α) = A·α² + 2B·α + C0 = 0 at the larger root, which lies in [0, 1); written to avoid cancellation.
                var a = Dot(yr, yr, kept);
                var bb = Dot(ya, yr, kept);
                var root = T.Sqrt(T.Max(T.Zero, bb * bb - a * c0));
                var alpha = bb > T.Zero ? -c0 / (bb + root) : a > T.Zero ? (root - bb) / a : T.Zero;
                alpha = T.Clamp(alpha, T.Zero, T.One);
                s[r] = alpha * sr;
                ForwardSolve(l, b, kept, s, y);
                c = floor;
                break;
            }
            s[r] = T.Zero;
            ya[..kept].CopyTo(y);
            c = hjj - Dot(y, y, kept);
        }
        BackSolve(l, b, kept, y, row);
        return T.One / c;
    }

    /// <summary>u = Uᵀ·diag(1/c)·U·m, using <paramref name="w"/> (length n) as scratch; returns Σ u².</summary>
    public static double Apply<T>(ReadOnlySpan<T> psi, ReadOnlySpan<T> invC, int b, ReadOnlySpan<T> m, Span<T> w, Span<T> u)
        where T : IFloatingPointIeee754<T>
    {
        var n = m.Length;
        for (var j = 0; j < n; j++)
        {
            var z = m[j];
            var k = System.Math.Min(b, n - 1 - j);
            for (var r = 0; r < k; r++)
                z -= psi[j * b + r] * m[j + 1 + r];
            w[j] = z * invC[j];
        }
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var x = w[i];
            var k = System.Math.Min(b, i);
            for (var r = 0; r < k; r++)
                x -= psi[(i - 1 - r) * b + r] * w[i - 1 - r];
            u[i] = x;
            sum += double.CreateTruncating(x * x);
        }
        return sum;
    }

    /// <summary>
    /// Cholesky L of the leading part of S_j (row-major in <paramref name="l"/>, stride <paramref name="b"/>), nearest neighbour
    /// first; returns how many neighbours it covers: <paramref name="k"/>, or fewer where a pivot was not positive.
    /// </summary>
    private static int Cholesky<T, TBand>(TBand band, int j, int k, int b, T damping, Span<T> l)
        where T : IFloatingPointIeee754<T>
        where TBand : IBand<T>, allows ref struct
    {
        for (var r = 0; r < k; r++)
        {
            for (var q = 0; q < r; q++)
            {
                var x = band.At(r - q, j + 1 + q);
                for (var t = 0; t < q; t++)
                    x -= l[r * b + t] * l[q * b + t];
                l[r * b + q] = x / l[q * b + q];
            }
            var pivot = band.At(0, j + 1 + r) + damping;
            for (var t = 0; t < r; t++)
                pivot -= l[r * b + t] * l[r * b + t];
            if (!(pivot > T.Zero))
                return r;
            l[r * b + r] = T.Sqrt(pivot);
        }
        return k;
    }

    private static void ForwardSolve<T>(ReadOnlySpan<T> l, int b, int k, ReadOnlySpan<T> rhs, Span<T> y) where T : IFloatingPointIeee754<T>
    {
        for (var r = 0; r < k; r++)
        {
            var x = rhs[r];
            for (var t = 0; t < r; t++)
                x -= l[r * b + t] * y[t];
            y[r] = x / l[r * b + r];
        }
    }

    private static void BackSolve<T>(ReadOnlySpan<T> l, int b, int k, ReadOnlySpan<T> y, Span<T> x) where T : IFloatingPointIeee754<T>
    {
        for (var r = k - 1; r >= 0; r--)
        {
            var v = y[r];
            for (var t = r + 1; t < k; t++)
                v -= l[t * b + r] * x[t];
            x[r] = v / l[r * b + r];
        }
    }

    private static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int k) where T : IFloatingPointIeee754<T>
    {
        var sum = T.Zero;
        for (var t = 0; t < k; t++)
            sum += a[t] * b[t];
        return sum;
    }
}
