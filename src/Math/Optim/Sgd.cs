using System.Numerics;
using System.Runtime.CompilerServices;
using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// torch.optim.SGD (single-tensor) in float32: d = ±g (+ λθ); with momentum b = d at a parameter's first step, else
/// b ← μb + (1 − τ)d, and d = b (or d + μb for Nesterov); θ ← θ − lr·d. Maximize negates g first, as the code does.
/// </summary>
public sealed class Sgd : Optimizer<SgdOptions>
{
    private static readonly string[] None = [];
    private static readonly string[] WithMomentum = ["momentum_buffer"];

    /// <summary>SGD over <paramref name="parameters"/> with <paramref name="options"/> (PyTorch's defaults when null).</summary>
    public Sgd(IEnumerable<Parameter> parameters, SgdOptions? options = null) : base(parameters, options ?? new SgdOptions())
    {
    }

    /// <summary>SGD over parameter groups, each overriding <paramref name="defaults"/> (PyTorch's defaults when null).</summary>
    public Sgd(IEnumerable<ParamGroupSpec<SgdOptions>> groups, SgdOptions? defaults = null) : base(groups, defaults ?? new SgdOptions())
    {
    }

    /// <inheritdoc />
    protected override string[] StateBufferNames(SgdOptions options) => options.Momentum != 0 ? WithMomentum : None;

    /// <inheritdoc />
    protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, SgdOptions options, double lr) =>
        ElementwiseUpdate.Run(new Rule(options, lr, state.Step == 1), parameter, gradient, options.Momentum != 0 ? state.Slot(0) : default);

    /// <summary>d = ±g (+ λθ); b = d at the first step, else μb + (1 − τ)d; d = b or d + μb (Nesterov); θ ← θ − lr·d.</summary>
    private readonly struct Rule(SgdOptions options, double lr, bool first) : IElementwiseRule
    {
        private readonly Vector<float> _sign = new(options.Maximize ? -1f : 1f);
        private readonly Vector<float> _l2 = new((float)options.WeightDecay);
        private readonly bool _useL2 = options.WeightDecay != 0;
        private readonly bool _useMomentum = options.Momentum != 0;
        private readonly Vector<float> _momentum = new((float)options.Momentum);
        private readonly Vector<float> _keep = new((float)(1 - options.Dampening));
        private readonly Vector<float> _negLr = new((float)-lr);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> p, Vector<float> g, ref Vector<float> buffer, ref Vector<float> s1, ref Vector<float> s2)
        {
            var d = g * _sign;
            if (_useL2)
                d += _l2 * p;
            if (_useMomentum)
            {
                buffer = first ? d : buffer * _momentum + _keep * d;
                d = options.Nesterov ? d + _momentum * buffer : buffer;
            }
            p += _negLr * d;
        }
    }
}
