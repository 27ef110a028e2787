using System.Numerics;
using System.Runtime.CompilerServices;
using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// torch.optim.RMSprop (torch 2.x single-tensor) in float32: g = ±g (+ λθ); v ← αv + (1 − α)g²; centered: ḡ ← lerp(ḡ, g, 1 − α)
/// and v̄ = v − ḡ²; a = √v̄ + ε; with momentum b ← μb + g/a, θ ← θ − lr·b, else θ ← θ − lr·g/a.
/// </summary>
public sealed class RmsProp : Optimizer<RmsPropOptions>
{
    private static readonly string[] Plain = ["square_avg"];
    private static readonly string[] WithMomentum = ["square_avg", "momentum_buffer"];
    private static readonly string[] Centered = ["square_avg", "grad_avg"];
    private static readonly string[] CenteredWithMomentum = ["square_avg", "momentum_buffer", "grad_avg"];

    /// <summary>RMSprop over <paramref name="parameters"/> with <paramref name="options"/> (PyTorch's defaults when null).</summary>
    public RmsProp(IEnumerable<Parameter> parameters, RmsPropOptions? options = null) : base(parameters, options ?? new RmsPropOptions())
    {
    }

    /// <summary>RMSprop over parameter groups, each overriding <paramref name="defaults"/> (PyTorch's defaults when null).</summary>
    public RmsProp(IEnumerable<ParamGroupSpec<RmsPropOptions>> groups, RmsPropOptions? defaults = null) : base(groups, defaults ?? new RmsPropOptions())
    {
    }

    /// <inheritdoc />
    protected override string[] StateBufferNames(RmsPropOptions options) => (options.Momentum > 0, options.Centered) switch
    {
        (false, false) => Plain,
        (true, false) => WithMomentum,
        (false, true) => Centered,
        (true, true) => CenteredWithMomentum,
    };

    /// <inheritdoc />
    protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, RmsPropOptions options, double lr)
    {
        var useMomentum = options.Momentum > 0;
        ElementwiseUpdate.Run(new Rule(options, lr), parameter, gradient, state.Slot(0),
            useMomentum ? state.Slot(1) : default, options.Centered ? state.Slot(useMomentum ? 2 : 1) : default);
    }

    /// <summary>g = ±g (+ λθ); v ← αv + (1 − α)g²; centered: ḡ ← lerp(ḡ, g, 1 − α), v̄ = v − ḡ²; a = √v̄ + ε; then the (momentum) step.</summary>
    private readonly struct Rule(RmsPropOptions options, double lr) : IElementwiseRule
    {
        private readonly Vector<float> _sign = new(options.Maximize ? -1f : 1f);
        private readonly Vector<float> _l2 = new((float)options.WeightDecay);
        private readonly bool _useL2 = options.WeightDecay != 0;
        private readonly Vector<float> _alpha = new((float)options.Alpha);
        private readonly Vector<float> _oneMinusAlpha = new((float)(1 - options.Alpha));
        private readonly Lerp _lerp = new(1 - options.Alpha);
        private readonly Vector<float> _eps = new((float)options.Eps);
        private readonly bool _useMomentum = options.Momentum > 0;
        private readonly Vector<float> _momentum = new((float)options.Momentum);
        private readonly Vector<float> _negLr = new((float)-lr);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> p, Vector<float> g, ref Vector<float> squareAvg, ref Vector<float> buffer, ref Vector<float> gradAvg)
        {
            var gk = g * _sign;
            if (_useL2)
                gk += _l2 * p;
            var sq = squareAvg * _alpha;
            sq += _oneMinusAlpha * gk * gk;
            squareAvg = sq;
            Vector<float> avg;
            if (options.Centered)
            {
                gradAvg = _lerp.Apply(gradAvg, gk);
                avg = Vector.SquareRoot(sq + -gradAvg * gradAvg);
            }
            else
            {
                avg = Vector.SquareRoot(sq);
            }
            avg += _eps;
            if (_useMomentum)
            {
                buffer = buffer * _momentum + gk / avg;
                p += _negLr * buffer;
            }
            else
            {
                p += _negLr * gk / avg;
            }
        }
    }
}
