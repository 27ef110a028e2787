namespace ShampooActors.Math.Nn;

/// <summary>A fully connected layer y = x·Wᵀ + b with weight [out, in] and bias [out], as torch.nn.Linear.</summary>
public sealed class Linear : Module
{
    /// <summary>A layer initialised by <paramref name="init"/> with draws from <paramref name="rng"/> (weight first, then bias).</summary>
    public Linear(int inFeatures, int outFeatures, SplitMix64 rng, bool bias = true, Init init = Init.PyTorchDefault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", new Parameter(outFeatures, inFeatures));
        Bias = bias ? RegisterParameter("bias", new Parameter(outFeatures)) : null;
        switch (init)
        {
            case Init.PyTorchDefault:
            {
                var bound = (float)(1.0 / System.Math.Sqrt(inFeatures));
                rng.FillUniform(Weight.Data, -bound, bound);
                if (Bias is not null)
                    rng.FillUniform(Bias.Data, -bound, bound);
                break;
            }
            case Init.GlorotUniform:
            {
                var bound = (float)System.Math.Sqrt(6.0 / (inFeatures + outFeatures));
                rng.FillUniform(Weight.Data, -bound, bound);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, null);
        }
    }

    /// <summary>Input width.</summary>
    public int InFeatures { get; }

    /// <summary>Output width.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight [out, in].</summary>
    public Parameter Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Linear(input, Weight, Bias);
}
