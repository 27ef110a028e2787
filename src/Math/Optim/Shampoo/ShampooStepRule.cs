using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Optim;

/// <summary>
/// The last part of a Shampoo step, per element: u = scale·U (the grafted update), momentum m ← β₁m + u read as m or
/// (Nesterov) u + β₁m, decoupled decay, then θ ← θ·(1 − lr·λ) − lr·step. The momentum buffer is s0.
/// </summary>
internal readonly struct ShampooStepRule : IElementwiseRule
{
    private readonly Vector<float> _scale, _beta1, _decay, _negLr;
    private readonly bool _momentum, _nesterov;

    public ShampooStepRule(float scale, MomentumOptions momentum, double lr, double decoupledDecay)
    {
        _scale = new(scale);
        _beta1 = new((float)momentum.Beta1);
        _momentum = momentum.Beta1 != 0;
        _nesterov = momentum.Nesterov;
        _decay = new((float)(1 - lr * decoupledDecay));
        _negLr = new((float)-lr);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> p, Vector<float> update, ref Vector<float> m, ref Vector<float> s1, ref Vector<float> s2)
    {
        var u = update * _scale;
        var step = u;
        if (_momentum)
        {
            m = _beta1 * m + u;
            step = _nesterov ? u + _beta1 * m : m;
        }
        p = p * _decay + _negLr * step;
    }
}
