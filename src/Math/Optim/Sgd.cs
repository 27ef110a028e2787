using System.Numerics;
using System.Runtime.InteropServices;
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
    protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, SgdOptions options, double lr)
    {
        var sign = options.Maximize ? -1f : 1f;
        var useL2 = options.WeightDecay != 0;
        var l2 = (float)options.WeightDecay;
        var useMomentum = options.Momentum != 0;
        var first = state.Step == 1;
        var momentum = (float)options.Momentum;
        var keep = (float)(1 - options.Dampening);
        var nesterov = options.Nesterov;
        var negLr = (float)-lr;
        var buffer = useMomentum ? state.Slot(0) : default;

        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vp = MemoryMarshal.Cast<float, Vector<float>>(parameter);
            var vg = MemoryMarshal.Cast<float, Vector<float>>(gradient);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(buffer);
            for (var k = 0; k < vp.Length; k++)
            {
                var pk = vp[k];
                var d = vg[k] * new Vector<float>(sign);
                if (useL2)
                    d += new Vector<float>(l2) * pk;
                if (useMomentum)
                {
                    var b = first ? d : vb[k] * new Vector<float>(momentum) + new Vector<float>(keep) * d;
                    vb[k] = b;
                    d = nesterov ? d + new Vector<float>(momentum) * b : b;
                }
                vp[k] = pk + new Vector<float>(negLr) * d;
            }
            i = vp.Length * Vector<float>.Count;
        }
        for (; i < parameter.Length; i++)
        {
            var pi = parameter[i];
            var d = gradient[i] * sign;
            if (useL2)
                d += l2 * pi;
            if (useMomentum)
            {
                var b = first ? d : buffer[i] * momentum + keep * d;
                buffer[i] = b;
                d = nesterov ? d + momentum * b : b;
            }
            parameter[i] = pi + negLr * d;
        }
    }
}
