using System.Numerics;
using System.Runtime.CompilerServices;
using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// torch.optim.Adagrad (single-tensor, dense) in float32: g = ±g (+ λθ); clr = lr / (1 + (t − 1)·η); s ← s + g²;
/// θ ← θ − clr·g / (√s + ε), with s starting at the initial accumulator value.
/// </summary>
public sealed class Adagrad : Optimizer<AdagradOptions>
{
    private static readonly string[] Names = ["sum"];

    /// <summary>Adagrad over <paramref name="parameters"/> with <paramref name="options"/> (PyTorch's defaults when null).</summary>
    public Adagrad(IEnumerable<Parameter> parameters, AdagradOptions? options = null) : base(parameters, options ?? new AdagradOptions())
    {
    }

    /// <summary>Adagrad over parameter groups, each overriding <paramref name="defaults"/> (PyTorch's defaults when null).</summary>
    public Adagrad(IEnumerable<ParamGroupSpec<AdagradOptions>> groups, AdagradOptions? defaults = null) : base(groups, defaults ?? new AdagradOptions())
    {
    }

    /// <inheritdoc />
    protected override string[] StateBufferNames(AdagradOptions options) => Names;

    /// <inheritdoc />
    protected override void InitializeState(ParameterState state, AdagradOptions options) =>
        state.Slot(0).Fill((float)options.InitialAccumulatorValue);

    /// <inheritdoc />
    protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, AdagradOptions options, double lr) =>
        ElementwiseUpdate.Run(new Rule(options, lr / (1 + (state.Step - 1) * options.LrDecay)), parameter, gradient, state.Slot(0));

    /// <summary>g = ±g (+ λθ); s ← s + g²; θ ← θ − clr·g / (√s + ε).</summary>
    private readonly struct Rule(AdagradOptions options, double clr) : IElementwiseRule
    {
        private readonly Vector<float> _sign = new(options.Maximize ? -1f : 1f);
        private readonly Vector<float> _l2 = new((float)options.WeightDecay);
        private readonly bool _useL2 = options.WeightDecay != 0;
        private readonly Vector<float> _negClr = new((float)-clr);
        private readonly Vector<float> _eps = new((float)options.Eps);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> p, Vector<float> g, ref Vector<float> sum, ref Vector<float> s1, ref Vector<float> s2)
        {
            var gk = g * _sign;
            if (_useL2)
                gk += _l2 * p;
            sum += gk * gk;
            p += _negClr * gk / (Vector.SquareRoot(sum) + _eps);
        }
    }
}
