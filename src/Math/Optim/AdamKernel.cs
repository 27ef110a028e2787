using System.Numerics;
using System.Runtime.InteropServices;

namespace ShampooActors.Math.Optim;

/// <summary>
/// One fused pass of torch's single-tensor Adam/AdamW over p, g, m, v (and max v): the float32 operations and their
/// order are those of <c>_single_tensor_adam</c>, so every element sees the same rounding as PyTorch's non-FMA path.
/// </summary>
internal static class AdamKernel
{
    /// <summary>Updates <paramref name="p"/>, <paramref name="m"/>, <paramref name="v"/> (and <paramref name="maxV"/> when AMSGrad) for step <paramref name="step"/>.</summary>
    public static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> maxV,
        long step, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, bool amsgrad, bool maximize)
    {
        // Scalars are computed in double, as PyTorch does in Python, and rounded once where they meet float32 tensors.
        var bias1 = 1 - System.Math.Pow(beta1, step);
        var bias2 = 1 - System.Math.Pow(beta2, step);
        var negStepSize = (float)-(lr / bias1);
        var bias2Sqrt = (float)System.Math.Sqrt(bias2);
        var decay = (float)(1 - lr * weightDecay);
        var useDecay = decoupled && weightDecay != 0;
        var l2 = (float)weightDecay;
        var useL2 = !decoupled && weightDecay != 0;
        var lerp = new Lerp(1 - beta1);
        var b2 = (float)beta2;
        var oneMinusB2 = (float)(1 - beta2);
        var epsF = (float)eps;
        var sign = maximize ? -1f : 1f;

        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vp = MemoryMarshal.Cast<float, Vector<float>>(p);
            var vg = MemoryMarshal.Cast<float, Vector<float>>(g);
            var vm = MemoryMarshal.Cast<float, Vector<float>>(m);
            var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
            var vmax = MemoryMarshal.Cast<float, Vector<float>>(maxV);
            for (var k = 0; k < vp.Length; k++)
            {
                var pk = vp[k];
                if (useDecay)
                    pk *= new Vector<float>(decay);
                var gk = vg[k] * new Vector<float>(sign);
                if (useL2)
                    gk += new Vector<float>(l2) * pk;
                var mk = lerp.Apply(vm[k], gk);
                vm[k] = mk;
                var vk = vv[k] * new Vector<float>(b2);
                vk += new Vector<float>(oneMinusB2) * gk * gk;
                vv[k] = vk;
                if (amsgrad)
                {
                    vk = Vector.Max(vmax[k], vk);
                    vmax[k] = vk;
                }
                var denom = Vector.SquareRoot(vk) / new Vector<float>(bias2Sqrt) + new Vector<float>(epsF);
                vp[k] = pk + new Vector<float>(negStepSize) * mk / denom;
            }
            i = vp.Length * Vector<float>.Count;
        }
        for (; i < p.Length; i++)
        {
            var pi = p[i];
            if (useDecay)
                pi *= decay;
            var gi = g[i] * sign;
            if (useL2)
                gi += l2 * pi;
            var mi = lerp.Apply(m[i], gi);
            m[i] = mi;
            var vi = v[i] * b2;
            vi += oneMinusB2 * gi * gi;
            v[i] = vi;
            if (amsgrad)
            {
                vi = MathF.Max(maxV[i], vi);
                maxV[i] = vi;
            }
            var denom = MathF.Sqrt(vi) / bias2Sqrt + epsF;
            p[i] = pi + negStepSize * mi / denom;
        }
    }
}
