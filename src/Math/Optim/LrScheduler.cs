namespace ShampooActors.Math.Optim;

/// <summary>
/// Drives each group's lr from a schedule, like torch.optim.lr_scheduler.LambdaLR: it remembers every group's lr at
/// construction as the base; construction sets lr = base × factor(0) and the k-th <see cref="Step"/> sets
/// lr = base × factor(k). In the usual loop (optimizer.Step(); scheduler.Step();) optimizer step n (from 1) uses factor(n − 1).
/// </summary>
public sealed class LrScheduler
{
    private readonly Optimizer _optimizer;
    private readonly LrSchedule[] _schedules;
    private readonly double[] _baseLrs;

    /// <summary>One schedule for every group of <paramref name="optimizer"/>.</summary>
    public LrScheduler(Optimizer optimizer, LrSchedule schedule)
        : this(optimizer, Enumerable.Repeat(schedule ?? throw new ArgumentNullException(nameof(schedule)), optimizer.ParamGroups.Count).ToArray())
    {
    }

    /// <summary>One schedule per group of <paramref name="optimizer"/>, in group order.</summary>
    public LrScheduler(Optimizer optimizer, IReadOnlyList<LrSchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedules);
        if (schedules.Count != optimizer.ParamGroups.Count)
            throw new ArgumentException($"{schedules.Count} schedules given for {optimizer.ParamGroups.Count} parameter groups");
        _optimizer = optimizer;
        _schedules = schedules.Select(s => s ?? throw new ArgumentNullException(nameof(schedules))).ToArray();
        _baseLrs = optimizer.ParamGroups.Select(g => g.Lr).ToArray();
        Apply();
    }

    /// <summary>How many times <see cref="Step"/> ran (PyTorch's last_epoch): the step index the current lrs were computed for.</summary>
    public long LastStep { get; private set; }

    /// <summary>Each group's lr when the scheduler was built (or loaded): the value factor 1 gives.</summary>
    public IReadOnlyList<double> BaseLrs => _baseLrs;

    /// <summary>The schedule of each group.</summary>
    public IReadOnlyList<LrSchedule> Schedules => _schedules;

    /// <summary>Advances to the next step index and sets every group's lr = base × factor(index).</summary>
    public void Step()
    {
        LastStep++;
        Apply();
    }

    /// <summary>A copy of the step index and base lrs.</summary>
    public LrSchedulerState StateDict() => new(LastStep, _baseLrs.ToArray());

    /// <summary>Restores a saved step index and base lrs (load after building the scheduler on resume) and reapplies the lrs.</summary>
    public void LoadStateDict(LrSchedulerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.BaseLrs.Count != _baseLrs.Length)
            throw new ArgumentException($"scheduler state dict does not match: it has {state.BaseLrs.Count} base lrs, the optimizer has {_baseLrs.Length} groups");
        if (state.LastStep < 0)
            throw new ArgumentException($"scheduler state dict does not match: negative step {state.LastStep}");
        foreach (var lr in state.BaseLrs)
            OptionChecks.NonNegative("LrScheduler", "BaseLrs", lr);
        LastStep = state.LastStep;
        for (var g = 0; g < _baseLrs.Length; g++)
            _baseLrs[g] = state.BaseLrs[g];
        Apply();
    }

    private void Apply()
    {
        var groups = _optimizer.ParamGroups;
        for (var g = 0; g < _baseLrs.Length; g++)
            groups[g].Lr = _baseLrs[g] * _schedules[g].Factor(LastStep);
    }
}
