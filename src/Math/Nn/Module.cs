namespace ShampooActors.Math.Nn;

/// <summary>
/// A layer or model (torch.nn.Module): registered parameters and child modules, named by dotted paths such as
/// <c>0.weight</c>, with <see cref="Parameters"/>, <see cref="ZeroGrad"/> and state dictionaries.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Parameter Parameter)> _parameters = [];
    private readonly List<(string Name, Module Module)> _children = [];

    /// <summary>Computes the module's output for <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Registers a parameter under <paramref name="name"/> and returns it.</summary>
    protected Parameter RegisterParameter(string name, Parameter parameter)
    {
        CheckName(name);
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers a child module under <paramref name="name"/> and returns it.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        _children.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"module member name '{name}' must be non-empty and contain no '.'");
        if (_parameters.Any(p => p.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"module member '{name}' is already registered");
    }

    /// <summary>Every parameter of this module and its descendants, in registration order.</summary>
    public IEnumerable<Parameter> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Every parameter with its dotted path, in registration order.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        foreach (var (name, parameter) in _parameters)
            yield return (name, parameter);
        foreach (var (childName, child) in _children)
        {
            foreach (var (name, parameter) in child.NamedParameters())
                yield return ($"{childName}.{name}", parameter);
        }
    }

    /// <summary>The direct children with their names.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children;

    /// <summary>Clears every parameter's gradient (to null by default, as PyTorch does; to zeros otherwise).</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters())
            p.ZeroGrad(setToNone);
    }

    /// <summary>The number of learnable scalars.</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Length);

    /// <summary>Copies of every parameter's values, keyed by dotted path (ordered as <see cref="NamedParameters"/>).</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, p) in NamedParameters())
            state[name] = p.Clone();
        return state;
    }

    /// <summary>
    /// Copies values into the parameters by dotted path. Strict: a missing or unexpected key or a shape mismatch is
    /// an error and nothing is changed.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        var named = NamedParameters().ToList();
        var missing = named.Select(p => p.Name).Where(n => !state.ContainsKey(n)).ToList();
        var unexpected = state.Keys.Where(k => named.All(p => p.Name != k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new ArgumentException($"state dict does not match the model: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        foreach (var (name, p) in named)
        {
            if (!state[name].Shape.SequenceEqual(p.Shape))
                throw new ArgumentException($"state dict entry '{name}' has shape {Shapes.Format(state[name].Shape)}, the parameter has {Shapes.Format(p.Shape)}");
        }
        foreach (var (name, p) in named)
            state[name].Data.CopyTo(p.Data);
    }
}
