using System.Numerics;
using static ShampooActors.Math.Optim.VectorAccess;

namespace ShampooActors.Math.Optim;

/// <summary>
/// The tridiagonal direction ũ = X·m in float32 over whole spans without forming X (<see cref="TridiagonalFactor"/> has
/// the math): one pass writes ψ_j and w_j = (m_j − ψ_j·m_{j+1})/c_j, a second writes u_j = w_j − ψ_{j−1}·w_{j−1} and
/// sums its squares. The statistic is raw; the caller scales ũ by the bias corrections.
/// </summary>
internal static class TridiagonalDirection
{
    /// <summary>Writes ũ into <paramref name="u"/> and returns Σ ũ²; <paramref name="psi"/> and <paramref name="w"/> are scratch of length n.</summary>
    public static double Run(ReadOnlySpan<float> d, ReadOnlySpan<float> e, ReadOnlySpan<float> m, float damping,
        Span<float> psi, Span<float> w, Span<float> u)
    {
        var n = m.Length;
        var width = Vector<float>.Count;
        var delta = new Vector<float>(damping);
        var j = 0;
        for (; j + width < n; j += width)
        {
            var dv = Load(d, j) + delta;
            var ev = Load(e, j);
            var p = ev / (Load(d, j + 1) + delta);
            var c = dv - ev * p;
            var keep = Vector.GreaterThan(c, Vector<float>.Zero);
            p = Vector.ConditionalSelect(keep, p, Vector<float>.Zero);
            c = Vector.ConditionalSelect(keep, c, dv);
            var z = Load(m, j) - p * Load(m, j + 1);
            At(psi, j) = p;
            At(w, j) = Vector.ConditionalSelect(Vector.GreaterThan(c, Vector<float>.Zero), z / c, Vector<float>.Zero);
        }
        for (; j < n; j++)
        {
            float p, c;
            if (j + 1 < n)
                TridiagonalFactor.Edge(d[j] + damping, e[j], d[j + 1] + damping, out p, out c);
            else
                (p, c) = (0f, d[j] + damping);
            psi[j] = p;
            var z = j + 1 < n ? m[j] - p * m[j + 1] : m[j];
            w[j] = c > 0 ? z / c : 0f;
        }

        u[0] = w[0];
        var sum = (double)u[0] * u[0];
        var squares = Vector<float>.Zero;
        j = 1;
        for (; j + width <= n; j += width)
        {
            var uv = Load(w, j) - Load(psi, j - 1) * Load(w, j - 1);
            At(u, j) = uv;
            squares += uv * uv;
        }
        sum += Vector.Sum(squares);
        for (; j < n; j++)
        {
            u[j] = w[j] - psi[j - 1] * w[j - 1];
            sum += u[j] * u[j];
        }
        return sum;
    }
}
