using System.Numerics;
using System.Runtime.InteropServices;
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
    protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, AdagradOptions options, double lr)
    {
        var sign = options.Maximize ? -1f : 1f;
        var useL2 = options.WeightDecay != 0;
        var l2 = (float)options.WeightDecay;
        var negClr = (float)-(lr / (1 + (state.Step - 1) * options.LrDecay));
        var eps = (float)options.Eps;
        var sum = state.Slot(0);

        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vp = MemoryMarshal.Cast<float, Vector<float>>(parameter);
            var vg = MemoryMarshal.Cast<float, Vector<float>>(gradient);
            var vs = MemoryMarshal.Cast<float, Vector<float>>(sum);
            for (var k = 0; k < vp.Length; k++)
            {
                var pk = vp[k];
                var gk = vg[k] * new Vector<float>(sign);
                if (useL2)
                    gk += new Vector<float>(l2) * pk;
                var sk = vs[k] + gk * gk;
                vs[k] = sk;
                vp[k] = pk + new Vector<float>(negClr) * gk / (Vector.SquareRoot(sk) + new Vector<float>(eps));
            }
            i = vp.Length * Vector<float>.Count;
        }
        for (; i < parameter.Length; i++)
        {
            var pi = parameter[i];
            var gi = gradient[i] * sign;
            if (useL2)
                gi += l2 * pi;
            var si = sum[i] + gi * gi;
            sum[i] = si;
            parameter[i] = pi + negClr * gi / (MathF.Sqrt(si) + eps);
        }
    }
}
