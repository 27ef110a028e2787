using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Optim;

/// <summary>
/// torch's single-tensor Adam/AdamW per element over p, g, m, v (and max v): the float32 operations and their order
/// are those of <c>_single_tensor_adam</c>, so every element sees the same rounding as PyTorch's non-FMA path.
/// </summary>
internal readonly struct AdamKernel : IElementwiseRule
{
    private readonly Vector<float> _decay, _sign, _l2, _b2, _oneMinusB2, _bias2Sqrt, _eps, _negStepSize;
    private readonly bool _useDecay, _useL2, _amsgrad;
    private readonly Lerp _lerp;

    private AdamKernel(long step, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, bool amsgrad, bool maximize)
    {
        // Scalars are computed in double, as PyTorch does in Python, and rounded once where they meet float32 tensors.
        _negStepSize = new((float)-(lr / (1 - System.Math.Pow(beta1, step))));
        _bias2Sqrt = new((float)System.Math.Sqrt(1 - System.Math.Pow(beta2, step)));
        _decay = new((float)(1 - lr * weightDecay));
        _useDecay = decoupled && weightDecay != 0;
        _l2 = new((float)weightDecay);
        _useL2 = !decoupled && weightDecay != 0;
        _lerp = new Lerp(1 - beta1);
        _b2 = new((float)beta2);
        _oneMinusB2 = new((float)(1 - beta2));
        _eps = new((float)eps);
        _sign = new(maximize ? -1f : 1f);
        _amsgrad = amsgrad;
    }

    /// <summary>Updates <paramref name="p"/>, <paramref name="m"/>, <paramref name="v"/> (and <paramref name="maxV"/> when AMSGrad) for step <paramref name="step"/>.</summary>
    public static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> maxV,
        long step, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, bool amsgrad, bool maximize) =>
        ElementwiseUpdate.Run(new AdamKernel(step, lr, beta1, beta2, eps, weightDecay, decoupled, amsgrad, maximize), p, g, m, v, maxV);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> p, Vector<float> g, ref Vector<float> m, ref Vector<float> v, ref Vector<float> maxV)
    {
        var pk = p;
        if (_useDecay)
            pk *= _decay;
        var gk = g * _sign;
        if (_useL2)
            gk += _l2 * pk;
        m = _lerp.Apply(m, gk);
        var vk = v * _b2;
        vk += _oneMinusB2 * gk * gk;
        v = vk;
        if (_amsgrad)
        {
            vk = Vector.Max(maxV, vk);
            maxV = vk;
        }
        var denom = Vector.SquareRoot(vk) / _bias2Sqrt + _eps;
        p = pk + _negStepSize * m / denom;
    }
}
