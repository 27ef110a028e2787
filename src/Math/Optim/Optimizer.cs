using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// Base of every optimizer, shaped like torch.optim.Optimizer: parameter groups with their own options and a live
/// learning rate, per-parameter state created at a parameter's first step, <see cref="ZeroGrad"/>, <see cref="Step"/>,
/// and state dictionaries. Parameters whose gradient is null are skipped by a step, as in PyTorch.
/// </summary>
public abstract partial class Optimizer
{
    private readonly ParamGroup[] _groups;
    private readonly ParameterState?[] _state;

    private protected Optimizer(IEnumerable<(IEnumerable<Parameter> Parameters, OptimizerOptions Options)> groups, OptimizerOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(defaults);
        defaults.Validate();
        Defaults = defaults;
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        var built = new List<ParamGroup>();
        var count = 0;
        foreach (var (parameters, options) in groups)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            var array = parameters.ToArray();
            foreach (var p in array)
            {
                ArgumentNullException.ThrowIfNull(p);
                if (!seen.Add(p))
                    throw new ArgumentException("some parameters appear more than once in the optimizer's parameter groups");
            }
            built.Add(new ParamGroup(array, options, count));
            count += array.Length;
        }
        if (count == 0)
            throw new ArgumentException("the optimizer got an empty parameter list");
        _groups = built.ToArray();
        _state = new ParameterState?[count];
    }

    /// <summary>The parameter groups in the order given; each has its options and a mutable <see cref="ParamGroup.Lr"/>.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups => _groups;

    /// <summary>The options a group gets where it does not override them.</summary>
    public OptimizerOptions Defaults { get; }

    /// <summary>Clears every parameter's gradient: to null by default (PyTorch's set_to_none), else to zeros.</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var group in _groups)
        {
            foreach (var p in group.ParameterArray)
                p.ZeroGrad(setToNone);
        }
    }

    /// <summary>Updates every parameter that has a gradient, once.</summary>
    public abstract void Step();

    /// <summary>
    /// Puts the weights the model should be evaluated with into the parameters until disposed; most optimizers evaluate
    /// the weights they train, so the default does nothing.
    /// </summary>
    public virtual IDisposable EvaluationWeights() => TrainedWeights.Instance;

    /// <summary>The live state of <paramref name="parameter"/>, or null before its first step (or if it is not optimized here).</summary>
    public ParameterState? GetState(Parameter parameter)
    {
        foreach (var group in _groups)
        {
            var i = Array.IndexOf(group.ParameterArray, parameter);
            if (i >= 0)
                return _state[group.FirstIndex + i];
        }
        return null;
    }

    /// <summary>The groups as an array, for allocation-free loops.</summary>
    private protected ParamGroup[] Groups => _groups;

    /// <summary>The state of parameter <paramref name="index"/> of <paramref name="group"/>, created (zeroed, then initialised) on first use.</summary>
    private protected ParameterState StateFor(ParamGroup group, int index)
    {
        ref var state = ref _state[group.FirstIndex + index];
        if (state is null)
        {
            var layout = Layout(group.Options, group.ParameterArray[index].ShapeArray());
            var buffers = layout.BufferShapes.Select(Tensor.Zeros).ToArray();
            state = new ParameterState(layout.BufferNames, buffers, 0, layout.CounterNames, new long[layout.CounterNames.Length]);
            InitializeBuffers(state, group.Options);
        }
        return state;
    }

    /// <summary>The state of the parameter at flat position <paramref name="index"/>, or null before its first step.</summary>
    private protected ParameterState? StateAt(int index) => _state[index];

    /// <summary>The state buffers and counters a parameter of <paramref name="parameterShape"/> gets under <paramref name="options"/>.</summary>
    private protected abstract StateLayout Layout(OptimizerOptions options, int[] parameterShape);

    /// <summary>Fills freshly zeroed state buffers where zero is not the starting value.</summary>
    private protected abstract void InitializeBuffers(ParameterState state, OptimizerOptions options);

    /// <summary>The evaluation weights of an optimizer that evaluates what it trains: nothing to put in, nothing to restore.</summary>
    private sealed class TrainedWeights : IDisposable
    {
        public static readonly TrainedWeights Instance = new();

        public void Dispose()
        {
        }
    }

    /// <summary>Each spec's parameters with the defaults transformed by its overrides.</summary>
    private protected static IEnumerable<(IEnumerable<Parameter>, OptimizerOptions)> Resolve<TOptions>(
        IEnumerable<ParamGroupSpec<TOptions>> groups, TOptions defaults) where TOptions : OptimizerOptions
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(defaults);
        return groups.Select(g =>
        {
            ArgumentNullException.ThrowIfNull(g);
            var options = g.Overrides is null ? defaults : g.Overrides(defaults) ?? throw new ArgumentException("a parameter group's overrides returned null options");
            return (g.Parameters, (OptimizerOptions)options);
        }).ToList();
    }
}
