using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Optim;

// The elementwise halves of a Neumann step. Scalars are computed in double and rounded once where they meet float32
// tensors, as in the other optimizers. The span roles: p holds w (the displaced weights), s0 is m, s1 is v.

/// <summary>Warm-up: plain SGD w ← w − ηg, and the moving average follows, v ← w + γ(v − w).</summary>
internal readonly struct NeumannWarmupRule(double lr, double gamma) : IElementwiseRule
{
    private readonly Vector<float> _negLr = new((float)-lr);
    private readonly Vector<float> _gamma = new((float)gamma);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> p, Vector<float> g, ref Vector<float> m, ref Vector<float> v, ref Vector<float> unused)
    {
        p += _negLr * g;
        v = p + _gamma * (v - p);
    }
}

/// <summary>The first step of a reset period: m = −ηg; the weights and their average stay where they are.</summary>
internal readonly struct NeumannResetRule(double lr) : IElementwiseRule
{
    private readonly Vector<float> _negLr = new((float)-lr);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> p, Vector<float> g, ref Vector<float> m, ref Vector<float> v, ref Vector<float> unused) =>
        m = _negLr * g;
}

/// <summary>
/// The Neumann iteration: d = g + s·(w − v)/ρ with s = αρ² − β/ρ² (left out when the regularizer is off);
/// m ← μm − ηd; w ← w + μm − ηd (the new m); v ← w + γ(v − w) (the new w).
/// </summary>
internal readonly struct NeumannIterateRule : IElementwiseRule
{
    private readonly Vector<float> _negLr, _mu, _gamma, _strength, _inverseDistance;
    private readonly bool _regularize;

    /// <summary>The rule with the regularizer of strength <paramref name="strength"/> at distance 1/<paramref name="inverseDistance"/>, or without it.</summary>
    public NeumannIterateRule(double lr, double mu, double gamma, bool regularize, double strength, double inverseDistance)
    {
        _negLr = new((float)-lr);
        _mu = new((float)mu);
        _gamma = new((float)gamma);
        _regularize = regularize;
        _strength = new((float)strength);
        _inverseDistance = new((float)inverseDistance);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> p, Vector<float> g, ref Vector<float> m, ref Vector<float> v, ref Vector<float> unused)
    {
        var d = g;
        // The unit direction (w − v)/ρ is formed first so the term never exceeds |s|, however small ρ is.
        if (_regularize)
            d += _strength * ((p - v) * _inverseDistance);
        var step = _negLr * d;
        m = _mu * m + step;
        p = p + _mu * m + step;
        v = p + _gamma * (v - p);
    }
}

/// <summary>The evaluated weights w − μm, in place over w (the gradient span carries m).</summary>
internal readonly struct NeumannEvaluationRule(double mu) : IElementwiseRule
{
    private readonly Vector<float> _mu = new((float)mu);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> p, Vector<float> m, ref Vector<float> s0, ref Vector<float> s1, ref Vector<float> s2) =>
        p -= _mu * m;
}
