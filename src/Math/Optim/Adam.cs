using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// torch.optim.Adam (single-tensor, non-fused) in float32: m ← lerp(m, g, 1 − β₁); v ← β₂v + (1 − β₂)g²;
/// θ ← θ − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε), with optional L2 decay, AMSGrad and maximize.
/// </summary>
public sealed class Adam : Optimizer<AdamOptions>
{
    private static readonly string[] Plain = ["exp_avg", "exp_avg_sq"];
    private static readonly string[] WithMax = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];

    /// <summary>Adam over <paramref name="parameters"/> with <paramref name="options"/> (PyTorch's defaults when null).</summary>
    public Adam(IEnumerable<Parameter> parameters, AdamOptions? options = null) : base(parameters, options ?? new AdamOptions())
    {
    }

    /// <summary>Adam over parameter groups, each overriding <paramref name="defaults"/> (PyTorch's defaults when null).</summary>
    public Adam(IEnumerable<ParamGroupSpec<AdamOptions>> groups, AdamOptions? defaults = null) : base(groups, defaults ?? new AdamOptions())
    {
    }

    /// <inheritdoc />
    protected override string[] StateBufferNames(AdamOptions options) => options.Amsgrad ? WithMax : Plain;

    /// <inheritdoc />
    protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, AdamOptions options, double lr) =>
        AdamKernel.Update(parameter, gradient, state.Slot(0), state.Slot(1), options.Amsgrad ? state.Slot(2) : default,
            state.Step, lr, options.Beta1, options.Beta2, options.Eps, options.WeightDecay, decoupled: false, options.Amsgrad, options.Maximize);
}
