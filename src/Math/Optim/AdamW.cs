using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// torch.optim.AdamW (single-tensor, non-fused) in float32: θ ← θ·(1 − lr·λ) first, then Adam's update without an L2 term.
/// </summary>
public sealed class AdamW : Optimizer<AdamWOptions>
{
    private static readonly string[] Plain = ["exp_avg", "exp_avg_sq"];
    private static readonly string[] WithMax = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];

    /// <summary>AdamW over <paramref name="parameters"/> with <paramref name="options"/> (PyTorch's defaults when null).</summary>
    public AdamW(IEnumerable<Parameter> parameters, AdamWOptions? options = null) : base(parameters, options ?? new AdamWOptions())
    {
    }

    /// <summary>AdamW over parameter groups, each overriding <paramref name="defaults"/> (PyTorch's defaults when null).</summary>
    public AdamW(IEnumerable<ParamGroupSpec<AdamWOptions>> groups, AdamWOptions? defaults = null) : base(groups, defaults ?? new AdamWOptions())
    {
    }

    /// <inheritdoc />
    protected override string[] StateBufferNames(AdamWOptions options) => options.Amsgrad ? WithMax : Plain;

    /// <inheritdoc />
    protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, AdamWOptions options, double lr) =>
        AdamKernel.Update(parameter, gradient, state.Slot(0), state.Slot(1), options.Amsgrad ? state.Slot(2) : default,
            state.Step, lr, options.Beta1, options.Beta2, options.Eps, options.WeightDecay, decoupled: true, options.Amsgrad, options.Maximize);
}
