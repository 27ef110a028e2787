using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>One parameter group of an optimizer: its parameters, its hyperparameters and its live learning rate.</summary>
public sealed class ParamGroup
{
    private readonly Parameter[] _parameters;
    private double _lr;

    internal ParamGroup(Parameter[] parameters, OptimizerOptions options, int firstIndex)
    {
        _parameters = parameters;
        Options = options;
        _lr = options.Lr;
        FirstIndex = firstIndex;
    }

    /// <summary>The parameters this group updates, in the order given.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The group's hyperparameters; its <c>Lr</c> is the configured (or last loaded) one, see <see cref="Lr"/>.</summary>
    public OptimizerOptions Options { get; internal set; }

    /// <summary>The learning rate the next step uses; starts at <c>Options.Lr</c> and is what schedulers change.</summary>
    public double Lr
    {
        get => _lr;
        set
        {
            OptionChecks.NonNegative(Options.GetType().Name, nameof(Lr), value);
            _lr = value;
        }
    }

    /// <summary>The parameters as an array, for allocation-free loops.</summary>
    internal Parameter[] ParameterArray => _parameters;

    /// <summary>The position of this group's first parameter in the optimizer's flat parameter order.</summary>
    internal int FirstIndex { get; }
}
