namespace ShampooActors.Math.Optim;

public abstract partial class Optimizer
{
    /// <summary>
    /// A copy of everything needed to continue bit-identically: each group's options with its live lr and its
    /// parameters' shapes, and each stepped parameter's step count and buffers (copied, so later steps do not show).
    /// </summary>
    public OptimizerStateDict StateDict()
    {
        var groups = new List<ParamGroupStateDict>(_groups.Length);
        foreach (var group in _groups)
        {
            var shapes = group.ParameterArray.Select(p => p.ShapeArray()).ToArray();
            groups.Add(new ParamGroupStateDict(group.Options with { Lr = group.Lr }, shapes));
        }
        var state = new Dictionary<int, ParameterStateDict>();
        for (var i = 0; i < _state.Length; i++)
        {
            if (_state[i] is not { } s)
                continue;
            var buffers = new Dictionary<string, Tensor>();
            foreach (var name in s.BufferNames)
                buffers[name] = s.Buffer(name).Clone();
            var counters = s.CounterNames.ToDictionary(n => n, s.Counter);
            state[i] = new ParameterStateDict(s.Step, buffers, counters);
        }
        return new OptimizerStateDict(GetType().Name, OptimizerStateDict.CurrentVersion, groups, state);
    }

    /// <summary>
    /// Restores a state dictionary from <see cref="StateDict"/> of the same kind of optimizer over parameters of the same
    /// grouping and shapes: group options and lr are replaced by the saved ones and parameter state by copies of the saved
    /// state. Anything that does not match throws <see cref="ArgumentException"/> and changes nothing.
    /// </summary>
    public void LoadStateDict(OptimizerStateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        Check(stateDict);
        for (var g = 0; g < _groups.Length; g++)
        {
            var saved = stateDict.ParamGroups[g].Options;
            _groups[g].Options = saved;
            _groups[g].Lr = saved.Lr;
        }
        for (var i = 0; i < _state.Length; i++)
            _state[i] = null;
        foreach (var group in _groups)
        {
            for (var j = 0; j < group.ParameterArray.Length; j++)
            {
                if (!stateDict.State.TryGetValue(group.FirstIndex + j, out var saved))
                    continue;
                var layout = Layout(group.Options, group.ParameterArray[j].ShapeArray());
                var buffers = layout.BufferNames.Select(n => saved.Buffers[n].Clone()).ToArray();
                var counters = layout.CounterNames.Select(n => saved.CounterValues[n]).ToArray();
                _state[group.FirstIndex + j] = new ParameterState(layout.BufferNames, buffers, saved.Step, layout.CounterNames, counters);
            }
        }
        OnStateLoaded();
    }

    /// <summary>Called at the end of <see cref="LoadStateDict"/>, after options and state were replaced; does nothing by default.</summary>
    private protected virtual void OnStateLoaded()
    {
    }

    private void Check(OptimizerStateDict stateDict)
    {
        var kind = GetType().Name;
        if (stateDict.Optimizer != kind)
            throw Mismatch($"it was saved by {stateDict.Optimizer}, this optimizer is {kind}");
        if (stateDict.Version != OptimizerStateDict.CurrentVersion)
            throw Mismatch($"it has layout version {stateDict.Version}, this code reads version {OptimizerStateDict.CurrentVersion}");
        if (stateDict.ParamGroups.Count != _groups.Length)
            throw Mismatch($"it has {stateDict.ParamGroups.Count} parameter groups, this optimizer has {_groups.Length}");
        for (var g = 0; g < _groups.Length; g++)
        {
            var group = _groups[g];
            var saved = stateDict.ParamGroups[g];
            if (saved.Options is null || saved.Options.GetType() != group.Options.GetType())
                throw Mismatch($"group {g} holds {saved.Options?.GetType().Name ?? "no options"}, this optimizer uses {group.Options.GetType().Name}");
            saved.Options.Validate();
            if (saved.ParameterShapes.Count != group.ParameterArray.Length)
                throw Mismatch($"group {g} has {saved.ParameterShapes.Count} parameters, this optimizer's has {group.ParameterArray.Length}");
            for (var j = 0; j < group.ParameterArray.Length; j++)
            {
                var shape = group.ParameterArray[j].Shape;
                if (!saved.ParameterShapes[j].AsSpan().SequenceEqual(shape))
                    throw Mismatch($"parameter {j} of group {g} has shape {Shapes.Format(saved.ParameterShapes[j])}, here it is {Shapes.Format(shape)}");
                if (stateDict.State.TryGetValue(group.FirstIndex + j, out var state))
                    CheckState(state, Layout(saved.Options, group.ParameterArray[j].ShapeArray()), $"parameter {j} of group {g}");
            }
        }
        foreach (var index in stateDict.State.Keys)
        {
            if (index < 0 || index >= _state.Length)
                throw Mismatch($"it has state for parameter index {index}, this optimizer has {_state.Length} parameters");
        }
    }

    private static void CheckState(ParameterStateDict state, StateLayout layout, string where)
    {
        if (state.Step < 0)
            throw Mismatch($"{where} has a negative step count {state.Step}");
        var names = layout.BufferNames;
        if (state.Buffers.Count != names.Length || names.Any(n => !state.Buffers.ContainsKey(n)))
            throw Mismatch($"{where} has state buffers [{string.Join(", ", state.Buffers.Keys)}], its options need [{string.Join(", ", names)}]");
        for (var b = 0; b < names.Length; b++)
        {
            var saved = state.Buffers[names[b]];
            if (!saved.Shape.SequenceEqual(layout.BufferShapes[b]))
                throw Mismatch($"{where} has state buffer '{names[b]}' of shape {Shapes.Format(saved.Shape)}, its options need {Shapes.Format(layout.BufferShapes[b])}");
        }
        var counters = state.CounterValues;
        if (counters.Count != layout.CounterNames.Length || layout.CounterNames.Any(n => !counters.ContainsKey(n)))
            throw Mismatch($"{where} has counters [{string.Join(", ", counters.Keys)}], its options need [{string.Join(", ", layout.CounterNames)}]");
    }

    private static ArgumentException Mismatch(string why) => new($"optimizer state dict does not match: {why}");
}
