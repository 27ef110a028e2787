using System.Numerics;
using System.Runtime.InteropServices;
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
        var sign = options.Maximize ? -1f : 1f;
        var useL2 = options.WeightDecay != 0;
        var l2 = (float)options.WeightDecay;
        var alpha = (float)options.Alpha;
        var oneMinusAlpha = (float)(1 - options.Alpha);
        var lerp = new Lerp(1 - options.Alpha);
        var eps = (float)options.Eps;
        var useMomentum = options.Momentum > 0;
        var momentum = (float)options.Momentum;
        var centered = options.Centered;
        var negLr = (float)-lr;
        var squareAvg = state.Slot(0);
        var buffer = useMomentum ? state.Slot(1) : default;
        var gradAvg = centered ? state.Slot(useMomentum ? 2 : 1) : default;

        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vp = MemoryMarshal.Cast<float, Vector<float>>(parameter);
            var vg = MemoryMarshal.Cast<float, Vector<float>>(gradient);
            var vsq = MemoryMarshal.Cast<float, Vector<float>>(squareAvg);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(buffer);
            var vga = MemoryMarshal.Cast<float, Vector<float>>(gradAvg);
            for (var k = 0; k < vp.Length; k++)
            {
                var pk = vp[k];
                var gk = vg[k] * new Vector<float>(sign);
                if (useL2)
                    gk += new Vector<float>(l2) * pk;
                var sq = vsq[k] * new Vector<float>(alpha);
                sq += new Vector<float>(oneMinusAlpha) * gk * gk;
                vsq[k] = sq;
                Vector<float> avg;
                if (centered)
                {
                    var ga = lerp.Apply(vga[k], gk);
                    vga[k] = ga;
                    avg = Vector.SquareRoot(sq + -ga * ga);
                }
                else
                {
                    avg = Vector.SquareRoot(sq);
                }
                avg += new Vector<float>(eps);
                if (useMomentum)
                {
                    var b = vb[k] * new Vector<float>(momentum) + gk / avg;
                    vb[k] = b;
                    vp[k] = pk + new Vector<float>(negLr) * b;
                }
                else
                {
                    vp[k] = pk + new Vector<float>(negLr) * gk / avg;
                }
            }
            i = vp.Length * Vector<float>.Count;
        }
        for (; i < parameter.Length; i++)
        {
            var pi = parameter[i];
            var gi = gradient[i] * sign;
            if (useL2)
                gi += l2 * pi;
            var sq = squareAvg[i] * alpha;
            sq += oneMinusAlpha * gi * gi;
            squareAvg[i] = sq;
            float avg;
            if (centered)
            {
                var ga = lerp.Apply(gradAvg[i], gi);
                gradAvg[i] = ga;
                avg = MathF.Sqrt(sq + -ga * ga);
            }
            else
            {
                avg = MathF.Sqrt(sq);
            }
            avg += eps;
            if (useMomentum)
            {
                var b = buffer[i] * momentum + gi / avg;
                buffer[i] = b;
                parameter[i] = pi + negLr * b;
            }
            else
            {
                parameter[i] = pi + negLr * gi / avg;
            }
        }
    }
}
