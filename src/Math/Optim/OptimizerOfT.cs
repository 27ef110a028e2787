using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// An optimizer whose groups carry <typeparamref name="TOptions"/> and whose step updates each parameter on its own:
/// the loop, null-gradient skipping, lazy state and step counting live here; subclasses supply the update rule.
/// </summary>
public abstract class Optimizer<TOptions> : Optimizer where TOptions : OptimizerOptions
{
    /// <summary>One group holding <paramref name="parameters"/> with <paramref name="defaults"/>.</summary>
    protected Optimizer(IEnumerable<Parameter> parameters, TOptions defaults)
        : base([(parameters, defaults)], defaults)
    {
    }

    /// <summary>One group per spec, each with the defaults transformed by its overrides.</summary>
    protected Optimizer(IEnumerable<ParamGroupSpec<TOptions>> groups, TOptions defaults)
        : base(Resolve(groups, defaults), defaults)
    {
    }

    /// <summary>The options a group gets where it does not override them.</summary>
    public new TOptions Defaults => (TOptions)base.Defaults;

    /// <inheritdoc />
    public override void Step()
    {
        foreach (var group in Groups)
        {
            var options = (TOptions)group.Options;
            var lr = group.Lr;
            var parameters = group.ParameterArray;
            for (var i = 0; i < parameters.Length; i++)
            {
                var p = parameters[i];
                if (p.Grad is not { } grad)
                    continue;
                var state = StateFor(group, i);
                state.Step++;
                Update(p.Data, grad.Data, state, options, lr);
            }
        }
    }

    /// <summary>Applies one update to a parameter; <paramref name="state"/>.Step already counts this step (1 on the first).</summary>
    protected abstract void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, TOptions options, double lr);

    /// <summary>The names of the state buffers a parameter gets under <paramref name="options"/>, in slot order (return a cached array).</summary>
    protected abstract string[] StateBufferNames(TOptions options);

    /// <summary>
    /// The buffer names for a parameter of <paramref name="parameterShape"/>, for optimizers whose state depends on the
    /// parameter's rank; by default <see cref="StateBufferNames(TOptions)"/>. Every buffer is shaped like the parameter.
    /// </summary>
    protected virtual string[] StateBufferNames(TOptions options, int[] parameterShape) => StateBufferNames(options);

    /// <summary>Fills freshly zeroed state buffers where zero is not the starting value; does nothing by default.</summary>
    protected virtual void InitializeState(ParameterState state, TOptions options)
    {
    }

    private protected sealed override StateLayout Layout(OptimizerOptions options, int[] parameterShape) =>
        StateLayout.Elementwise(StateBufferNames((TOptions)options, parameterShape), parameterShape);

    private protected sealed override void InitializeBuffers(ParameterState state, OptimizerOptions options) =>
        InitializeState(state, (TOptions)options);
}
