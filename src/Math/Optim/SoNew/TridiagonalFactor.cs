using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Optim;

/// <summary>
/// The tridiagonal SONew preconditioner X = Uᵀ·diag(1/c)·U (ALGORITHMS.md §2), U unit upper bidiagonal with
/// U_{j,j+1} = −ψ_j: ψ_j = e_j/d_{j+1}, c_j = d_j − e_j·ψ_j (c_{n−1} = d_{n−1}), so that X is the inverse of the
/// max-determinant completion of the band. Where c_j ≤ 0 (or is NaN) the window [j, j+1] is not positive definite and
/// the edge is dropped: ψ_j = 0, c_j = d_j. A coordinate whose c_j is still not positive (a zero row with no damping)
/// gets 1/c_j := 0, i.e. no direction. The scalar code here is generic so that tests run it in float64; the optimizer's
/// vectorised float32 loop (<see cref="TridiagonalDirection"/>) does the same operations per element.
/// </summary>
internal static class TridiagonalFactor
{
    /// <summary>ψ and c of the edge (j, j+1) from the damped d_j, e_j and damped d_{j+1}, with the edge-drop rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Edge<T>(T d, T e, T dNext, out T psi, out T c) where T : IFloatingPointIeee754<T>
    {
        psi = e / dNext;
        c = d - e * psi;
        if (!(c > T.Zero))
        {
            psi = T.Zero;
            c = d;
        }
    }

    /// <summary>Fills ψ (length n, ψ_{n−1} = 0) and 1/c for the band d (diagonal) and e (first off-diagonal, n − 1 used) plus <paramref name="damping"/> on the diagonal.</summary>
    public static void Factor<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> e, T damping, Span<T> psi, Span<T> invC) where T : IFloatingPointIeee754<T>
    {
        var n = d.Length;
        for (var j = 0; j < n; j++)
        {
            T c;
            if (j + 1 < n)
                Edge(d[j] + damping, e[j], d[j + 1] + damping, out psi[j], out c);
            else
                (psi[j], c) = (T.Zero, d[j] + damping);
            invC[j] = c > T.Zero ? T.One / c : T.Zero;
        }
    }

    /// <summary>u = Uᵀ·diag(1/c)·U·m.</summary>
    public static void Apply<T>(ReadOnlySpan<T> psi, ReadOnlySpan<T> invC, ReadOnlySpan<T> m, Span<T> u) where T : IFloatingPointIeee754<T>
    {
        var n = m.Length;
        var previous = T.Zero;
        for (var j = 0; j < n; j++)
        {
            var z = j + 1 < n ? m[j] - psi[j] * m[j + 1] : m[j];
            var w = z * invC[j];
            u[j] = j > 0 ? w - psi[j - 1] * previous : w;
            previous = w;
        }
    }
}
