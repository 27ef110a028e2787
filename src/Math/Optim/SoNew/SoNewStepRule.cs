using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Optim;

/// <summary>The last pass of a SONew step, per element: θ ← θ·(1 − lr·λ) − step·ũ, the direction ũ in the gradient lane.</summary>
internal readonly struct SoNewStepRule(double decay, double step) : IElementwiseRule
{
    private readonly Vector<float> _decay = new((float)decay), _negStep = new((float)-step);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> p, Vector<float> u, ref Vector<float> s0, ref Vector<float> s1, ref Vector<float> s2) =>
        p = p * _decay + _negStep * u;
}
